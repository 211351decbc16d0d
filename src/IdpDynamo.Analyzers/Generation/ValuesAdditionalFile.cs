using System.Runtime.CompilerServices;
using IdpDynamo.Analyzers.Validation;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Analyzers.Generation;

/// <summary>
/// An IdpDynamoValues file as the compiler sees it (an AdditionalFile flagged by IdpDynamo.Build.targets), read into
/// the model the same way for the generator and the analyzers. YAML problems are the MSBuild task's to report.
/// </summary>
internal static class ValuesAdditionalFile
{
    public const string MetadataKey = "build_metadata.AdditionalFiles.IdpDynamoValues";
    public const string NamespaceKey = "build_metadata.AdditionalFiles.IdpDynamoNamespace";

    public static bool IsValuesFile(AnalyzerConfigOptions options)
        => options.TryGetValue(MetadataKey, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The model; the namespace is the item's Namespace metadata, else the apps/&lt;ns&gt;/ path segment. One parse per
    /// <see cref="AdditionalText"/> serves the generator and every analyzer of the compilation (they run in one
    /// process and load this assembly once); a changed file is a new AdditionalText, a changed namespace re-reads it.
    /// </summary>
    public static ValuesFile Read(AdditionalText text, AnalyzerConfigOptions options, CancellationToken cancellationToken)
    {
        string? ns = options.TryGetValue(NamespaceKey, out var n) && !string.IsNullOrWhiteSpace(n) ? n.Trim() : PathConventions.NamespaceFromPath(text.Path);
        var slot = Parsed.GetValue(text, static _ => new Slot());
        if (slot.Entry is { } cached && cached.Namespace == ns)
        {
            return cached.File;
        }

        var document = ValuesText.Get(text, cancellationToken).Document;
        var file = ValuesModelBuilder.Build(text.Path, ns, string.Empty, document.Root);
        slot.Entry = new Entry(ns, file); // two callers racing both parse; either result is the same
        return file;
    }

    private static readonly ConditionalWeakTable<AdditionalText, Slot> Parsed = new();

    private sealed record Entry(string? Namespace, ValuesFile File);

    private sealed class Slot
    {
        public volatile Entry? Entry;
    }
}
