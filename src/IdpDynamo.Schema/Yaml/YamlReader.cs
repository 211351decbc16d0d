using System.Threading;

namespace IdpDynamo.Schema.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YNode"/>s at the event level, resolving scalars the way Helm 3 does (YAML 1.1) and
/// reporting the YAML-level rules: IDPDYN001 (syntax, characters, .inf/.nan, alias bombs, nesting), 002 (duplicate
/// keys), 003 (several documents), 005 (aliases and merge keys) and 017 (explicit tags). The jobs live beside it:
/// <see cref="YamlDecoder"/> (bytes to text), <see cref="YamlCharacterCheck"/>, <see cref="BlockYamlScanner"/> and
/// <see cref="YamlDotNetAdapter"/> (text to events), <see cref="YamlTreeBuilder"/> (events to the tree).
/// Never throws on any input; time and memory are linear in the input.
/// </summary>
internal static class YamlReader
{
    /// <summary>Deeper nesting is rejected: a values file is at most about eight levels deep.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Aliases may not expand the document beyond this many nodes (go-yaml rejects excessive aliasing too).</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>The tree of <paramref name="text"/>; its problems go to <paramref name="bag"/>.</summary>
    public static YamlDocument Read(string text, DiagnosticBag bag, CancellationToken cancellationToken = default)
    {
        if (!YamlCharacterCheck.Check(text, bag))
        {
            return new YamlDocument(null);
        }

        // Values files are block-style YAML; BlockYamlScanner reads that subset directly and gives up on anything else
        // (flow collections across lines, anchors, tags, block scalars, tabs, ...), which YamlDotNet then reads. Both
        // produce the same events (tests/IdpDynamo.Schema.Tests/Yaml compare them). The scanner's result is kept only
        // when the scanner and the tree builder both finish; otherwise the text is read again with YamlDotNet, so every
        // problem is reported exactly as YamlDotNet's path reports it.
        var scratch = new DiagnosticBag(bag.File);
        var builder = new YamlTreeBuilder(scratch, cancellationToken);
        try
        {
            if (BlockYamlScanner.TryScan(text, builder, cancellationToken))
            {
                var document = builder.Finish();
                foreach (var diagnostic in scratch.Items)
                {
                    bag.Add(diagnostic);
                }

                return document;
            }
        }
        catch (YamlTreeBuilder.Abort)
        {
        }

        return YamlDotNetAdapter.Read(text, bag, cancellationToken);
    }
}
