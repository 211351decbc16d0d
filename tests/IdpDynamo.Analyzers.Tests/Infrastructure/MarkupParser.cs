using System;
using System.Collections.Generic;
using System.Text;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// A diagnostic a test expects (or one that was reported), 1-based like an editor shows it: the id, the file and
/// the span from (<see cref="Line"/>, <see cref="Column"/>) to (<see cref="EndLine"/>, <see cref="EndColumn"/>), end
/// exclusive. <see cref="Message"/> is compared only when a test sets it.
/// </summary>
internal sealed record ExpectedDiagnostic(string Id, string Path, int Line, int Column, int EndLine, int EndColumn, string? Message = null)
{
    /// <summary>The same diagnostic, additionally required to have exactly this message.</summary>
    public ExpectedDiagnostic WithMessage(string message) => this with { Message = message };

    public override string ToString() => $"{Path}({Line},{Column},{EndLine},{EndColumn}): {Id}{(Message is null ? string.Empty : ": " + Message)}";
}

/// <summary>One parsed source: the text without markup and the diagnostics the markup asks for.</summary>
internal sealed record MarkupSource(string Path, string Source, IReadOnlyList<ExpectedDiagnostic> Expected);

/// <summary>
/// Reads the diagnostic markup of the analyzer tests (a port of Meziantou's <c>ParseSourceCode</c>):
/// <c>[|…|]</c> marks a span where the rule under test reports, <c>{|IDPDYN201:…|}</c> a span where the named id
/// reports. Spans nest (<c>{|IDPDYN207:{|IDPDYN210:"Products"|}|}</c> is two diagnostics on one literal). Lines and
/// columns are counted in the source without markup, 1-based, and columns count UTF-16 code units like Roslyn's.
/// </summary>
internal static class MarkupParser
{
    /// <summary>Parses <paramref name="markup"/>; <paramref name="defaultId"/> is the id of <c>[|…|]</c> spans.</summary>
    public static MarkupSource Parse(string markup, string? defaultId, string path = "Test0.cs")
    {
        var source = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Line, int Column, char Closer)>();
        int line = 1, column = 1;
        int i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                if (defaultId is null)
                {
                    throw new InvalidOperationException($"'[|' at {path}({line},{column}) needs a rule under test; name the id with {{|ID:...|}}.");
                }

                open.Push((defaultId, line, column, ']'));
                i += 2;
                continue;
            }

            if (Starts(markup, i, "{|"))
            {
                int colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new InvalidOperationException($"'{{|' at {path}({line},{column}) is not followed by 'ID:'.");
                }

                string id = markup.Substring(i + 2, colon - i - 2);
                if (id.Length == 0 || !IsId(id))
                {
                    throw new InvalidOperationException($"'{{|{id}:' at {path}({line},{column}) does not name a diagnostic id.");
                }

                open.Push((id, line, column, '}'));
                i = colon + 1;
                continue;
            }

            if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                char closer = markup[i + 1];
                if (open.Count == 0 || open.Peek().Closer != closer)
                {
                    throw new InvalidOperationException($"'|{closer}' at {path}({line},{column}) closes no open span.");
                }

                var (id, startLine, startColumn, _) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, path, startLine, startColumn, line, column));
                i += 2;
                continue;
            }

            char c = markup[i++];
            source.Append(c);
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else if (c != '\r')
            {
                column++;
            }
        }

        if (open.Count > 0)
        {
            var (id, startLine, startColumn, _) = open.Peek();
            throw new InvalidOperationException($"The {id} span opened at {path}({startLine},{startColumn}) is never closed.");
        }

        return new MarkupSource(path, source.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool IsId(string id)
    {
        foreach (char c in id)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
