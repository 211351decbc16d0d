using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using IdpDynamo.Analyzers.Generation;
using IdpDynamo.Schema;
using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// Reads the IdpDynamoValues AdditionalFiles once: each file's model is cached per <see cref="AdditionalText"/> (by
/// <see cref="ValuesAdditionalFile"/>, shared with the generator), and the catalog per set of files.
/// </summary>
internal static class ValuesFileCache
{
    private static readonly ConditionalWeakTable<AnalyzerOptions, DynamoCatalog> Catalogs = new();

    /// <summary>The catalog of the compilation's values files, or null when the project references none.</summary>
    public static DynamoCatalog? Get(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken)
    {
        if (Catalogs.TryGetValue(options, out var cached))
        {
            return cached.Tables.Count == 0 && cached.Namespaces.Count == 0 && cached.AccessorRoot is null ? null : cached;
        }

        var files = new List<ValuesFile>();
        foreach (var text in options.AdditionalFiles)
        {
            var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(text);
            if (!ValuesAdditionalFile.IsValuesFile(fileOptions))
            {
                continue;
            }

            files.Add(ValuesAdditionalFile.Read(text, fileOptions, cancellationToken));
        }

        if (files.Count == 0)
        {
            Catalogs.GetValue(options, _ => new DynamoCatalog(Array.Empty<CatalogTable>(), Array.Empty<string>(), null, null));
            return null;
        }

        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var generation = GenerationOptions.From(global);
        string? role = global.TryGetValue("build_property.IdpDynamoServiceRole", out var r) && !string.IsNullOrWhiteSpace(r) ? r.Trim() : null;
        string root = generation.Namespace is null ? $"global::{generation.ClassName}" : $"global::{generation.Namespace}.{generation.ClassName}";
        string metadataName = generation.Namespace is null ? generation.ClassName : $"{generation.Namespace}.{generation.ClassName}";
        bool generated = compilation.Assembly.GetTypeByMetadataName(metadataName) is not null; // generated sources are the project's own

        var schema = AccessorSchema.Build(files, generation.ClassName);
        // The file of each table's first definition, as AccessorSchema picks it (files in path order).
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var tables = schema.Tables.Select(t => new CatalogTable(t, root, ordered.FirstOrDefault(f => f.Tables.Any(s => s.Name?.Value == t.Name))?.Path ?? t.SourcePath)).ToList();
        var catalog = new DynamoCatalog(tables, schema.Namespaces.ToList(), role, generated ? root : null, generation.ClassName);
        return Catalogs.GetValue(options, _ => catalog);
    }
}
