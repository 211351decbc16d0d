using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every test compilation references: the net8.0 reference assemblies (the oldest .NET a consuming service
/// targets), and, as a test asks, the real AWSSDK.DynamoDBv2 the test project references or the v3-shaped stubs.
/// <para>
/// The reference assemblies are <see cref="ReferenceAssemblies.Net.Net80"/> of Microsoft.CodeAnalysis.Testing, read
/// with a NuGet configuration that clears every package source: the package (Microsoft.NETCore.App.Ref 8.0.0) is
/// downloaded at restore by the test project's <c>PackageDownload</c>, and the library finds it in the global packages
/// folder. A missing package fails the test instead of being fetched while the tests run.
/// </para>
/// </summary>
internal static class TestReferences
{
    /// <summary>The library's net8.0 reference assemblies, restricted to the global packages folder.</summary>
    public static readonly ReferenceAssemblies Net80 = ReferenceAssemblies.Net.Net80
        .WithNuGetConfigFilePath(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "offline.nuget.config"));

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(() =>
        Task.Run(() => Net80.ResolveAsync(LanguageNames.CSharp, default)).GetAwaiter().GetResult());

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAwsSdk = new(() => ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Amazon.DynamoDBv2.Model.AttributeValue).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Amazon.Runtime.AmazonWebServiceRequest).Assembly.Location)));

    private static readonly Lazy<MetadataReference> LazyV3Stubs = new(CompileV3Stubs);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyConfiguration = new(() => new[]
        {
            typeof(Microsoft.Extensions.Options.IOptions<>),
            typeof(Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions),
            typeof(Microsoft.Extensions.Configuration.IConfiguration),
            typeof(Microsoft.Extensions.Configuration.ConfigurationBinder),
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
            typeof(Microsoft.Extensions.Primitives.StringValues),
        }.Select(t => (MetadataReference)MetadataReference.CreateFromFile(t.Assembly.Location)).ToImmutableArray());

    /// <summary>The net8.0 framework reference assemblies (for compilations built without the library).</summary>
    public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

    /// <summary>AWSSDK.DynamoDBv2 4.0.110 and the AWSSDK.Core it needs, from the test's output folder.</summary>
    public static ImmutableArray<MetadataReference> AwsSdk => LazyAwsSdk.Value;

    /// <summary><see cref="Infrastructure.DynamoV3Stubs"/> compiled once into an assembly named AWSSDK.DynamoDBv2.</summary>
    public static MetadataReference DynamoV3Stubs => LazyV3Stubs.Value;

    /// <summary>
    /// Microsoft.Extensions.Options (with its ConfigurationExtensions), Configuration.Abstractions and Binder,
    /// DependencyInjection.Abstractions and Primitives 8.0.0, from the test's output folder.
    /// </summary>
    public static ImmutableArray<MetadataReference> Configuration => LazyConfiguration.Value;

    /// <summary>The SDK references of <paramref name="shape"/> (none for <see cref="SdkShape.None"/>).</summary>
    public static ImmutableArray<MetadataReference> Sdk(SdkShape shape) => shape switch
    {
        SdkShape.V4 => AwsSdk,
        SdkShape.V3Stubs => ImmutableArray.Create(DynamoV3Stubs),
        _ => ImmutableArray<MetadataReference>.Empty,
    };

    private static MetadataReference CompileV3Stubs()
    {
        var compilation = CSharpCompilation.Create(
            "AWSSDK.DynamoDBv2",
            new[] { CSharpSyntaxTree.ParseText(Infrastructure.DynamoV3Stubs.Source, new CSharpParseOptions(LanguageVersion.Latest)) },
            Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("The v3 SDK stubs do not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
