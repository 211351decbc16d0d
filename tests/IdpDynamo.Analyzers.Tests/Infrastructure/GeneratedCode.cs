using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>Checks on generated code beyond "it compiles": warnings hidden by its pragma, and running it.</summary>
internal static class GeneratedCode
{
    /// <summary>
    /// The generated file starts with <c>#pragma warning disable</c> so a consumer's warning settings never trip on it.
    /// Recompiles it without that line (nullable on, every warning wave, XML docs diagnosed) and asserts no warning is
    /// left except the <paramref name="allowed"/> ids.
    /// </summary>
    public static void AssertNoWarnings(GeneratorRun run, params string[] allowed)
    {
        var tree = run.GeneratedTree ?? throw new InvalidOperationException("Nothing was generated.");
        string text = tree.GetText().ToString();
        Assert.Contains("#pragma warning disable\n", text, StringComparison.Ordinal);
        var strict = CSharpSyntaxTree.ParseText(text.Replace("#pragma warning disable\n", string.Empty, StringComparison.Ordinal), CompilationFactory.ParseOptions, tree.FilePath);
        var warnings = run.OutputCompilation.ReplaceSyntaxTree(tree, strict).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree == strict && !allowed.Contains(d.Id))
            .ToList();
        Assert.True(warnings.Count == 0, "The generated code has warnings:\n" + string.Join("\n", warnings));
    }

    /// <summary>Emits <paramref name="compilation"/> and loads it into a collectible context of its own.</summary>
    public static LoadedAssembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, "Emit failed:\n" + string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }
}

/// <summary>A test assembly in its own collectible load context (dependencies such as the AWS SDK resolve to the test's).</summary>
internal sealed class LoadedAssembly(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>Calls a public static method.</summary>
    public object? Call(string typeName, string method, params object?[] arguments)
        => Unwrap(() => Type(typeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments));

    /// <summary>Reads a public static property.</summary>
    public object? Get(string typeName, string property)
        => Unwrap(() => Type(typeName).GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null));

    /// <summary>Writes a public static property.</summary>
    public void Set(string typeName, string property, object? value)
        => Unwrap(() =>
        {
            Type(typeName).GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.SetValue(null, value);
            return null;
        });

    // Reflection wraps what the generated code throws; tests assert on the real exception.
    private static object? Unwrap(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    public void Dispose() => context.Unload();
}
