using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IdpDynamo.Schema.Yaml;

/// <summary>
/// YamlDotNet's parser as a source of <see cref="YamlEvent"/>s, for everything the block scanner gives up on; its
/// exceptions become IDPDYN001 with a position and a message in the project's words.
/// </summary>
internal static class YamlDotNetAdapter
{
    /// <summary>The events YamlDotNet's parser produces for <paramref name="text"/> (tests compare them with the scanner's).</summary>
    internal static List<YamlEvent>? Events(string text)
    {
        var events = new EventList();
        try
        {
            Parse(text, events);
            return events.Items;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            return null;
        }
    }

    /// <summary>Reads <paramref name="text"/> with YamlDotNet, its errors reworded as IDPDYN001 at their position.</summary>
    /// <remarks>
    /// Not inlined into <see cref="YamlReader.Read"/>, so that a file the block scanner reads never loads YamlDotNet's
    /// parser (nor JIT-compiles it, nor runs its scanner's static constructor, which builds a compiled regex).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static YamlDocument Read(string text, DiagnosticBag bag, CancellationToken cancellationToken)
    {
        var builder = new YamlTreeBuilder(bag, cancellationToken);
        try
        {
            Parse(text, builder);
            return builder.Finish();
        }
        catch (YamlException ex)
        {
            var (line, column) = (Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column));
            string message = CleanMessage(ex.Message);
            if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                (line, column) = FindTabIndentation(text, line, column);
                message = "found a tab character used for indentation; YAML indentation must use spaces";
            }

            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column), $"Invalid YAML: {message}");
            return new YamlDocument(null);
        }
        catch (YamlTreeBuilder.Abort)
        {
            return new YamlDocument(null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // YamlDotNet's scanner gives up on some malformed flow collections with a non-YAML exception; the last
            // event it produced tells where the document stopped making sense.
            var (line, column) = builder.LastPosition;
            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column),
                "Invalid YAML: the document cannot be parsed after this point; check for an unclosed '[', '{' or quote");
            return new YamlDocument(null);
        }
    }

    /// <summary>The one parser loop: every YamlDotNet event that has a counterpart goes to <paramref name="sink"/>.</summary>
    private static void Parse(string text, IYamlEventSink sink)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        while (parser.MoveNext())
        {
            if (Convert(parser.Current!) is { } ev)
            {
                sink.Handle(ev);
            }
        }
    }

    private static YamlEvent? Convert(ParsingEvent ev)
    {
        var span = new SourceSpan((int)ev.Start.Line, (int)ev.Start.Column, (int)ev.End.Line, (int)ev.End.Column);
        return ev switch
        {
            DocumentStart => new YamlEvent(YamlEventKind.DocumentStart, span),
            DocumentEnd => new YamlEvent(YamlEventKind.DocumentEnd, span),
            Scalar scalar => new YamlEvent(YamlEventKind.Scalar, span, scalar.Value, StyleOf(scalar.Style), TagOf(scalar.Tag), AnchorOf(scalar.Anchor)),
            AnchorAlias alias => new YamlEvent(YamlEventKind.Alias, span, alias.Value.Value),
            SequenceStart seq => new YamlEvent(YamlEventKind.SequenceStart, span, null, ScalarStyle.Plain, TagOf(seq.Tag), AnchorOf(seq.Anchor)),
            MappingStart map => new YamlEvent(YamlEventKind.MappingStart, span, null, ScalarStyle.Plain, TagOf(map.Tag), AnchorOf(map.Anchor)),
            SequenceEnd or MappingEnd => new YamlEvent(YamlEventKind.End, span),
            _ => null,
        };
    }

    private static ScalarStyle StyleOf(YamlDotNet.Core.ScalarStyle style) => style switch
    {
        YamlDotNet.Core.ScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
        YamlDotNet.Core.ScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
        YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded => ScalarStyle.Block,
        _ => ScalarStyle.Plain,
    };

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    /// <summary>The tag in short form (<c>!!int</c>, <c>!Ref</c>); null when there is none.</summary>
    private static string? TagOf(TagName tag)
    {
        if (tag.IsEmpty || tag.IsNonSpecific)
        {
            return null;
        }

        const string Standard = "tag:yaml.org,2002:";
        string value = tag.Value;
        return value.StartsWith(Standard, StringComparison.Ordinal) ? "!!" + value.Substring(Standard.Length) : value;
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet: "While scanning a quoted scalar, found unexpected end of stream." -> keep the sentence, lower-case start.
        message = message.Trim().TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message.Substring(1) : "syntax error";
    }

    private static (int Line, int Column) FindTabIndentation(string text, int fromLine, int fallbackColumn)
    {
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            int col = 0;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
            {
                if (text[i] == '\t' && line >= fromLine)
                {
                    int end = i;
                    while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
                    {
                        end++;
                    }

                    if (end < text.Length && text[end] != '\n' && text[end] != '\r' && text[end] != '#')
                    {
                        return (line, col + 1);
                    }
                }

                i++;
                col++;
            }

            while (i < text.Length && text[i] != '\n')
            {
                i++;
            }

            i++;
            line++;
        }

        return (fromLine, fallbackColumn);
    }

    private sealed class EventList : IYamlEventSink
    {
        public List<YamlEvent> Items { get; } = new();

        public void Handle(in YamlEvent ev) => Items.Add(ev);
    }
}
