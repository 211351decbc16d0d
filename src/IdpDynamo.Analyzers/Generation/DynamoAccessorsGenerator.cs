using System.Collections.Immutable;
using System.Text;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Yaml;
using Microsoft.CodeAnalysis.Text;
using Diagnostic = Microsoft.CodeAnalysis.Diagnostic;

namespace IdpDynamo.Analyzers.Generation;

/// <summary>One values file read for generation: its model, or the internal error that stopped reading it.</summary>
internal sealed record ParsedValuesFile(string Path, ValuesFile? Model, string? Error);

/// <summary>What the emitter needs, and errors caught while reading.</summary>
internal sealed record GeneratorModel(GeneratedTables Tables, EquatableArray<string> Errors);

/// <summary>
/// Emits typed accessors (table names, keys, indexes, key builders) for every table of the project's IdpDynamoValues
/// files. The YAML is parsed once per file into a value-equatable model, so editing C# never re-reads YAML, and the
/// merged model holds no positions, so a comment or a blank line in the YAML never regenerates the file. A project
/// without values files gets nothing and pays for nothing but the filter. The generator reports no YAML diagnostics
/// (the MSBuild task owns them); it skips what it cannot read and turns an unexpected exception into IDPDYN999
/// instead of failing the compilation.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DynamoAccessorsGenerator : IIncrementalGenerator
{
    internal const string HintName = "IdpDynamo.Tables.g.cs";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Only our YAML (flagged by IdpDynamo.Build.targets), parsed straight into the equatable model. The tracked
        // step is the parse itself, so caching tests see whether a file was read again and whether that changed anything.
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => ValuesAdditionalFile.IsValuesFile(pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, ct) => Read(pair.Left, pair.Right.GetOptions(pair.Left), ct))
            .WithTrackingName(TrackingNames.ParseValuesFile)
            .Collect();

        // Namespace and class name from build_property.* (CompilerVisibleProperty in IdpDynamo.Build.props).
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GenerationOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.ReadOptions);

        // Key builders need AttributeValue; without the AWS SDK the generated code references nothing from it. Asked
        // only when there is something to generate: without values files nothing is looked up. A reference file named
        // AWSSDK.DynamoDBv2 is the SDK; otherwise only the project's own declarations are searched (stubs of the SDK's
        // types), so the probe neither reads the references' metadata nor walks their namespaces before the compiler does.
        var hasSdk = context.CompilationProvider
            .Combine(files.Select(static (f, _) => f.Length > 0))
            .Select(static (input, _) => input.Right && HasSdk(input.Left))
            .WithTrackingName(TrackingNames.DetectSdk);

        // One position-free model over all environments, tables ordered by name for deterministic output.
        var model = files
            .Combine(options)
            .Select(static (input, _) => Merge(input.Left, input.Right))
            .WithTrackingName(TrackingNames.MergeSchema);

        context.RegisterSourceOutput(model.Combine(hasSdk), static (spc, input) => Emit(spc, input.Left, input.Right));
    }

    /// <summary>
    /// Whether the compilation references AWSSDK.DynamoDBv2 (by the file name of a reference) or declares its own
    /// AttributeValue (stubs of the SDK). Neither question binds the compilation's references: the first to ask
    /// <see cref="Compilation.ReferencedAssemblyNames"/> in a new compiler process reads the metadata of every
    /// reference, which the compiler does anyway, but on the asker's clock.
    /// </summary>
    private static bool HasSdk(Compilation compilation)
    {
        bool inMemory = false;
        foreach (var reference in compilation.References)
        {
            if (reference is PortableExecutableReference { FilePath: { } path })
            {
                if (DynamoSdk.IsSdkAssembly(System.IO.Path.GetFileNameWithoutExtension(path)))
                {
                    return true;
                }
            }
            else
            {
                inMemory = true;
            }
        }

        // A reference with no file (made in memory, or another project in the IDE) is known only by its identity.
        if (inMemory && compilation.ReferencedAssemblyNames.Any(n => DynamoSdk.IsSdkAssembly(n.Name)))
        {
            return true;
        }

        return compilation.ContainsSymbolsWithName("AttributeValue", SymbolFilter.Type)
            && compilation.Assembly.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.AttributeValue") is not null;
    }

    private static ParsedValuesFile Read(AdditionalText text, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return new ParsedValuesFile(text.Path, ValuesAdditionalFile.Read(text, options, cancellationToken), null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new ParsedValuesFile(text.Path, null, $"{PathConventions.ShortPath(text.Path)}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static GeneratorModel Merge(ImmutableArray<ParsedValuesFile> files, GenerationOptions options)
    {
        if (files.IsEmpty)
        {
            return new GeneratorModel(GeneratedTables.None(options), EquatableArray<string>.Empty);
        }

        var errors = files.Where(f => f.Error is not null).Select(f => f.Error!).ToArray();
        try
        {
            var schema = AccessorSchema.Build(files.Where(f => f.Model is not null).Select(f => f.Model!), options.ClassName);
            return new GeneratorModel(GeneratedTables.From(schema, options), new EquatableArray<string>(errors));
        }
        catch (Exception ex)
        {
            return new GeneratorModel(GeneratedTables.None(options), new EquatableArray<string>(errors.Concat(new[] { $"{ex.GetType().Name}: {ex.Message}" }).ToArray()));
        }
    }

    private static void Emit(SourceProductionContext context, GeneratorModel model, bool hasSdk)
    {
        foreach (var error in model.Errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, error));
        }

        if (!model.Tables.HasFiles)
        {
            return;
        }

        try
        {
            string source = AccessorsEmitter.Emit(model.Tables, hasSdk);
            context.AddSource(HintName, SourceText.From(source, Encoding.UTF8));
        }
        catch (Exception ex)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
