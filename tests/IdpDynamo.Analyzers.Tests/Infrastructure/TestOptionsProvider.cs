using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// What MSBuild's generated .editorconfig gives the compiler: global <c>build_property.*</c> options and per-file
/// <c>build_metadata.AdditionalFiles.*</c>. Immutable; the <c>With…</c> methods return a new provider.
/// </summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    // Keys compare like Roslyn's own options (case-insensitively).
    private static readonly ImmutableDictionary<string, string> NoOptions = ImmutableDictionary.Create<string, string>(AnalyzerConfigOptions.KeyComparer);
    private static readonly DictionaryOptions Empty = new(NoOptions);

    private readonly ImmutableDictionary<string, string> _global;
    private readonly ImmutableDictionary<string, ImmutableDictionary<string, string>> _files;

    public TestOptionsProvider()
        : this(NoOptions, ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty)
    {
    }

    private TestOptionsProvider(ImmutableDictionary<string, string> global, ImmutableDictionary<string, ImmutableDictionary<string, string>> files)
    {
        _global = global;
        _files = files;
    }

    public override AnalyzerConfigOptions GlobalOptions => new DictionaryOptions(_global);

    /// <summary>Sets <c>build_property.<paramref name="name"/></c>, e.g. <c>RootNamespace</c>.</summary>
    public TestOptionsProvider WithProperty(string name, string value) => new(_global.SetItem("build_property." + name, value), _files);

    /// <summary>Sets <c>build_metadata.AdditionalFiles.<paramref name="name"/></c> on one file.</summary>
    public TestOptionsProvider WithMetadata(string path, string name, string value)
    {
        var metadata = _files.TryGetValue(path, out var existing) ? existing : NoOptions;
        return new(_global, _files.SetItem(path, metadata.SetItem("build_metadata.AdditionalFiles." + name, value)));
    }

    /// <summary>Marks a file as an <c>IdpDynamoValues</c> item, optionally with its <c>Namespace</c> metadata.</summary>
    public TestOptionsProvider WithValuesFile(string path, string? @namespace = null)
    {
        var provider = WithMetadata(path, "IdpDynamoValues", "true");
        return @namespace is null ? provider : provider.WithMetadata(path, "IdpDynamoNamespace", @namespace);
    }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => _files.TryGetValue(textFile.Path, out var metadata) ? new DictionaryOptions(metadata) : Empty;

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
