namespace IdpDynamo.Analyzers.Generation;

/// <summary>Generator settings from MSBuild properties (CompilerVisibleProperty in IdpDynamo.Build.props).</summary>
internal sealed record GenerationOptions(string? Namespace, string ClassName)
{
    public const string DefaultClassName = "DynamoTables";

    public static GenerationOptions From(AnalyzerConfigOptions options)
    {
        string? ns = Read(options, "build_property.IdpDynamoGeneratedNamespace") ?? Read(options, "build_property.RootNamespace");
        string className = Read(options, "build_property.IdpDynamoGeneratedClassName") ?? DefaultClassName;
        if (!IsValidName(className))
        {
            className = DefaultClassName;
        }

        if (ns is not null && !IsValidNamespace(ns))
        {
            ns = null;
        }

        return new GenerationOptions(ns, className);
    }

    private static string? Read(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsValidNamespace(string ns)
    {
        foreach (var part in ns.Split('.'))
        {
            if (!IsValidName(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidName(string name)
        => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name)
           && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;
}
