namespace IdpDynamo.Schema.Yaml;

/// <summary>The YAML tree of a values file as Helm 3 sees it, or null when the file cannot be read as YAML.</summary>
internal sealed class YamlDocument
{
    public YamlDocument(YNode? root) => Root = root;

    /// <summary>The first document's root; null if the file is empty, only comments, or not well-formed.</summary>
    public YNode? Root { get; }
}
