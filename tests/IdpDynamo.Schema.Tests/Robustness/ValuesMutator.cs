// Also compiled into IdpDynamo.Analyzers.Tests (linked there), for the generator and analyzer mutation suite.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace IdpDynamo.Tests.Robustness;

/// <summary>One mutated input: which corpus file it came from, what was done to it (in order), and the bytes.</summary>
internal sealed record Mutant(int Case, string Origin, IReadOnlyList<string> Operations, byte[] Bytes)
{
    /// <summary>"case 17 (samples/apps/webshop-test/...): ReplaceScalar ...; FlipBit ..." for assertion messages.</summary>
    public string Describe() => $"case {Case} from {Origin}: {string.Join("; ", Operations)}";

    /// <summary>The bytes as printable text: UTF-8 where it decodes, control characters and bad bytes as \xNN.</summary>
    public string Escaped(int max = 4000)
    {
        var sb = new StringBuilder();
        string text = Encoding.UTF8.GetString(Bytes); // invalid sequences become U+FFFD
        foreach (char c in text)
        {
            if (sb.Length >= max)
            {
                sb.Append("…(").Append(Bytes.Length.ToString(CultureInfo.InvariantCulture)).Append(" bytes)");
                break;
            }

            sb.Append(c switch
            {
                '\n' => "\\n\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\uFFFD' => "\\uFFFD",
                _ when c < 0x20 || c == 0x7F => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}

/// <summary>
/// A seeded mutator for values files. Case <c>n</c> of seed <c>s</c> is always the same input: it picks a corpus file and
/// applies one to three operations, first YAML-structure-level ones on the text (swap keys, duplicate a table, change a
/// line's indentation, replace a scalar with <c>N</c>/<c>no</c>/<c>012</c>/<c>''</c>/a long string, remove a required key,
/// nest deeper, ...), then byte-level ones on its UTF-8 (flip, insert, delete, duplicate a range, insert NUL, 0xFF, tab,
/// ':', '-', '&amp;a', '*a', '!tag', quotes, broken UTF-8, ...). Only <see cref="System.Random"/> with a fixed seed is
/// used, so a case reproduces on every machine and .NET version.
/// </summary>
internal sealed class ValuesMutator
{
    /// <summary>Keys the chart's schema requires somewhere (tables[], attributes[], ttl, indexes).</summary>
    private static readonly string[] RequiredKeys = { "name", "hashKey", "billingMode", "attributes", "type", "projectionType", "rangeKey", "nonKeyAttributes", "attributeName", "enabled" };

    /// <summary>Replacement scalars: YAML 1.1 booleans/octals/nulls, empties, numbers, odd strings, collections.</summary>
    private static readonly string[] Scalars =
    {
        "N", "n", "no", "No", "off", "yes", "Y", "on", "true", "012", "0x1F", "0o12", "1_000", "1e3", "+5", ".5", "-1", "0",
        "99999999999999999999999", "5.5", "''", "\"\"", "~", "null", "", "[]", "{}", "[a, b]", "{a: b}", "'S'", "'N'", "'B'", "S", "B",
        "PROVISIONED", "PAY_PER_REQUEST", "INCLUDE", "ALL", "KEYS_ONLY", "Control", "Orphan", "Delete", "\"a\\tb\"", "\"\\u0000\"",
        "'ø'", "\"Orders v2\"", "a:b", "- x", "&x v", "*x", "!!int 5", "!Ref X", ".inf", "2024-01-01", "12:30", "'  padded  '",
        "|\n  literal", ">\n  folded", "\"\\uD800\"", "#comment", "@at", "`tick`", "%pct",
    };

    /// <summary>Byte sequences inserted at random offsets.</summary>
    private static readonly (string Name, byte[] Bytes)[] Tokens =
    {
        ("NUL", new byte[] { 0x00 }), ("0xFF", new byte[] { 0xFF }), ("tab", new byte[] { 0x09 }), ("':'", Ascii(":")), ("'-'", Ascii("-")),
        ("'&a'", Ascii("&a ")), ("'*a'", Ascii("*a")), ("'!tag'", Ascii("!tag ")), ("'\"'", Ascii("\"")), ("'''", Ascii("'")),
        ("CR", new byte[] { 0x0D }), ("CRLF", new byte[] { 0x0D, 0x0A }), ("LF", new byte[] { 0x0A }), ("'{'", Ascii("{")), ("'['", Ascii("[")),
        ("'}'", Ascii("}")), ("']'", Ascii("]")), ("'#'", Ascii("#")), ("'---'", Ascii("---\n")), ("'<<: *a'", Ascii("<<: *a")),
        ("'? '", Ascii("? ")), ("'|'", Ascii("|")), ("'>'", Ascii(">")), ("'%'", Ascii("%")), ("'@'", Ascii("@")), ("'`'", Ascii("`")),
        ("BOM", new byte[] { 0xEF, 0xBB, 0xBF }), ("bad UTF-8 C3 28", new byte[] { 0xC3, 0x28 }), ("overlong C0 AF", new byte[] { 0xC0, 0xAF }),
        ("surrogate ED A0 80", new byte[] { 0xED, 0xA0, 0x80 }), ("truncated E2 82", new byte[] { 0xE2, 0x82 }), ("NBSP", new byte[] { 0xC2, 0xA0 }),
        ("ZWSP", new byte[] { 0xE2, 0x80, 0x8B }), ("U+2028", new byte[] { 0xE2, 0x80, 0xA8 }), ("DEL", new byte[] { 0x7F }), ("ESC", new byte[] { 0x1B }),
        ("'&a [x]'", Ascii("&a [x]")), ("'*a\\n'", Ascii("*a\n")), ("'!!str '", Ascii("!!str ")), ("'!!binary '", Ascii("!!binary ")),
    };

    private static readonly Regex KeyLine = new(@"^(?<indent>\s*(?:-\s+)?)(?<key>[A-Za-z_][A-Za-z0-9_]*):(?<rest>.*)$", RegexOptions.CultureInvariant);

    private readonly IReadOnlyList<(string Name, string Text)> _corpus;
    private readonly int _seed;

    public ValuesMutator(IReadOnlyList<(string Name, string Text)> corpus, int seed)
    {
        if (corpus.Count == 0)
        {
            throw new ArgumentException("The corpus is empty.", nameof(corpus));
        }

        _corpus = corpus;
        _seed = seed;
    }

    /// <summary>Number of cases from <paramref name="variable"/> (an integer ≥ 1), else <paramref name="fallback"/>.</summary>
    public static int CountFromEnvironment(string variable, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : fallback;

    /// <summary>Case <paramref name="index"/> (0-based): always the same input for the same corpus and seed.</summary>
    public Mutant Create(int index)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + index));
        var (origin, text) = _corpus[random.Next(_corpus.Count)];
        var operations = new List<string>();

        int count = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        int structural = 0;
        for (int i = 0; i < count; i++)
        {
            if (random.Next(2) == 0)
            {
                structural++;
            }
        }

        var lines = new List<string>(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
        for (int i = 0; i < structural; i++)
        {
            operations.Add(Structural(random, lines));
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        for (int i = structural; i < count; i++)
        {
            operations.Add(ByteLevel(random, bytes));
        }

        return new Mutant(index, origin, operations, bytes.ToArray());
    }

    // ---- YAML-structure-level ----------------------------------------------------------------------------------------

    private static string Structural(Random random, List<string> lines)
    {
        switch (random.Next(11))
        {
            case 0: return SwapKeys(random, lines);
            case 1: return DuplicateTable(random, lines);
            case 2: return Reindent(random, lines);
            case 3:
            case 4: return ReplaceScalar(random, lines);
            case 5: return RemoveRequiredKey(random, lines);
            case 6: return NestDeeper(random, lines);
            case 7: return DuplicateKeyLine(random, lines);
            case 8: return SwapLines(random, lines);
            case 9: return DeleteLine(random, lines);
            default: return RemoveTable(random, lines);
        }
    }

    private static List<int> KeyLines(List<string> lines, Func<Match, bool>? where = null)
    {
        var result = new List<int>();
        for (int i = 0; i < lines.Count; i++)
        {
            var m = KeyLine.Match(lines[i]);
            if (m.Success && (where is null || where(m)))
            {
                result.Add(i);
            }
        }

        return result;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>Indentation of the content after a leading "- " (the column the item's keys align to).</summary>
    private static int ContentIndent(string line)
    {
        int i = Indent(line);
        while (i < line.Length && (line[i] == '-' || line[i] == ' '))
        {
            if (line[i] == '-' && (i + 1 >= line.Length || line[i + 1] != ' '))
            {
                break;
            }

            i++;
        }

        return i;
    }

    /// <summary>The lines after <paramref name="start"/> that belong to it (more indented than its content, or blank).</summary>
    private static int BlockEnd(List<string> lines, int start)
    {
        int indent = ContentIndent(lines[start]);
        bool item = lines[start].TrimStart(' ').StartsWith("- ", StringComparison.Ordinal);
        int own = item ? indent : Indent(lines[start]);
        int end = start + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > own || (item && Indent(lines[end]) >= indent)))
        {
            end++;
        }

        // Trailing blank lines are not part of the block.
        while (end > start + 1 && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return end;
    }

    private static string SwapKeys(Random random, List<string> lines)
    {
        var keys = KeyLines(lines);
        if (keys.Count < 2)
        {
            return DeleteLine(random, lines);
        }

        int a = keys[random.Next(keys.Count)];
        int b = keys[random.Next(keys.Count)];
        var ma = KeyLine.Match(lines[a]);
        var mb = KeyLine.Match(lines[b]);
        lines[a] = ma.Groups["indent"].Value + mb.Groups["key"].Value + ":" + ma.Groups["rest"].Value;
        lines[b] = mb.Groups["indent"].Value + ma.Groups["key"].Value + ":" + mb.Groups["rest"].Value;
        return $"SwapKeys lines {a + 1} and {b + 1} ('{ma.Groups["key"].Value}' <-> '{mb.Groups["key"].Value}')";
    }

    private static List<(int Start, int End)> Tables(List<string> lines)
    {
        var result = new List<(int, int)>();
        int tables = lines.FindIndex(l => l.StartsWith("tables:", StringComparison.Ordinal));
        if (tables < 0)
        {
            return result;
        }

        int itemIndent = -1;
        for (int i = tables + 1; i < lines.Count; i++)
        {
            string t = lines[i].TrimStart(' ');
            if (t.Length == 0 || t.StartsWith('#'))
            {
                continue;
            }

            if (Indent(lines[i]) == 0 && !t.StartsWith("- ", StringComparison.Ordinal))
            {
                break;
            }

            if (t.StartsWith("- ", StringComparison.Ordinal) && (itemIndent < 0 || Indent(lines[i]) == itemIndent))
            {
                itemIndent = Indent(lines[i]);
                result.Add((i, BlockEnd(lines, i)));
            }
        }

        return result;
    }

    private static string DuplicateTable(Random random, List<string> lines)
    {
        var tables = Tables(lines);
        if (tables.Count == 0)
        {
            return ReplaceScalar(random, lines);
        }

        var (start, end) = tables[random.Next(tables.Count)];
        var copy = lines.GetRange(start, end - start);
        int at = random.Next(2) == 0 ? end : tables[^1].End;
        lines.InsertRange(at, copy);
        return $"DuplicateTable lines {start + 1}-{end} inserted at line {at + 1}";
    }

    private static string RemoveTable(Random random, List<string> lines)
    {
        var tables = Tables(lines);
        if (tables.Count == 0)
        {
            return DeleteLine(random, lines);
        }

        var (start, end) = tables[random.Next(tables.Count)];
        lines.RemoveRange(start, end - start);
        return $"RemoveTable lines {start + 1}-{end}";
    }

    private static string Reindent(Random random, List<string> lines)
    {
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].Trim().Length > 0).ToList();
        if (candidates.Count == 0)
        {
            return "Reindent (nothing to indent)";
        }

        int line = candidates[random.Next(candidates.Count)];
        int delta = random.Next(2) == 0 ? -random.Next(1, 5) : random.Next(1, 5);
        int indent = Math.Max(0, Indent(lines[line]) + delta);
        lines[line] = new string(' ', indent) + lines[line].TrimStart(' ');
        return $"Reindent line {line + 1} by {delta}";
    }

    private static string ReplaceScalar(Random random, List<string> lines)
    {
        var keys = KeyLines(lines, m => m.Groups["rest"].Value.Trim().Length > 0);
        if (keys.Count == 0)
        {
            return Reindent(random, lines);
        }

        int line = keys[random.Next(keys.Count)];
        var m = KeyLine.Match(lines[line]);
        string value = random.Next(8) == 0 ? LongString(random) : Scalars[random.Next(Scalars.Length)];
        lines[line] = m.Groups["indent"].Value + m.Groups["key"].Value + ": " + value;
        return $"ReplaceScalar line {line + 1} '{m.Groups["key"].Value}' -> '{Short(value)}'";
    }

    private static string LongString(Random random)
    {
        int length = random.Next(4) switch { 0 => 256, 1 => 255, 2 => random.Next(300, 5_000), _ => random.Next(5_000, 100_000) };
        char c = "xAé_9"[random.Next(5)];
        return new string(c, length);
    }

    private static string RemoveRequiredKey(Random random, List<string> lines)
    {
        var keys = KeyLines(lines, m => Array.IndexOf(RequiredKeys, m.Groups["key"].Value) >= 0);
        if (keys.Count == 0)
        {
            return DeleteLine(random, lines);
        }

        int line = keys[random.Next(keys.Count)];
        var m = KeyLine.Match(lines[line]);
        int end = KeyBlockEnd(lines, line);
        string indent = m.Groups["indent"].Value;
        lines.RemoveRange(line, end - line);

        // "- name: X" opens a list item: the item's next key takes over the "- " (else the item becomes null).
        if (indent.TrimStart(' ').StartsWith('-'))
        {
            if (line < lines.Count && lines[line].Trim().Length > 0 && Indent(lines[line]) == indent.Length)
            {
                lines[line] = indent + lines[line].TrimStart(' ');
            }
            else
            {
                lines.Insert(line, indent.TrimEnd());
            }
        }

        return $"RemoveRequiredKey lines {line + 1}-{end} '{m.Groups["key"].Value}'";
    }

    /// <summary>The end of a key's value: the following lines indented deeper than the key itself (or blank).</summary>
    private static int KeyBlockEnd(List<string> lines, int start)
    {
        int column = ContentIndent(lines[start]);
        int end = start + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || Indent(lines[end]) > column))
        {
            end++;
        }

        while (end > start + 1 && lines[end - 1].Trim().Length == 0)
        {
            end--;
        }

        return end;
    }

    private static string NestDeeper(Random random, List<string> lines)
    {
        var keys = KeyLines(lines);
        if (keys.Count == 0)
        {
            return Reindent(random, lines);
        }

        int line = keys[random.Next(keys.Count)];
        var m = KeyLine.Match(lines[line]);
        string indent = m.Groups["indent"].Value;
        string key = m.Groups["key"].Value;
        string rest = m.Groups["rest"].Value.Trim();
        switch (random.Next(4))
        {
            case 0:
                lines[line] = $"{indent}{key}: {{nested: {(rest.Length == 0 ? "x" : rest)}}}";
                return $"NestDeeper line {line + 1} '{key}' into a flow mapping";
            case 1:
                int depth = random.Next(1, 60);
                lines[line] = $"{indent}{key}: {new string('[', depth)}{(rest.Length == 0 ? "x" : rest)}{new string(']', depth)}";
                return $"NestDeeper line {line + 1} '{key}' in {depth} flow sequences";
            case 2:
                // key: value  ->  key:\n  <indent+2>key: value
                string pad = new(' ', ContentIndent(lines[line]) + 2);
                lines[line] = $"{indent}{key}:";
                lines.Insert(line + 1, $"{pad}{key}: {rest}");
                return $"NestDeeper line {line + 1} '{key}' under itself";
            default:
                // Wrap the key and its value under a new key: they move two columns right.
                int end = KeyBlockEnd(lines, line);
                int column = ContentIndent(lines[line]);
                for (int i = line; i < end; i++)
                {
                    if (lines[i].Trim().Length > 0)
                    {
                        lines[i] = i == line ? new string(' ', column + 2) + key + ":" + m.Groups["rest"].Value : "  " + lines[i];
                    }
                }

                lines.Insert(line, indent + "wrapper:");
                return $"NestDeeper lines {line + 1}-{end} under 'wrapper:'";
        }
    }

    private static string DuplicateKeyLine(Random random, List<string> lines)
    {
        var keys = KeyLines(lines, m => !m.Groups["indent"].Value.Contains('-', StringComparison.Ordinal));
        if (keys.Count == 0)
        {
            return SwapLines(random, lines);
        }

        int line = keys[random.Next(keys.Count)];
        int end = KeyBlockEnd(lines, line);
        lines.InsertRange(end, lines.GetRange(line, end - line));
        return $"DuplicateKeyLine lines {line + 1}-{end}";
    }

    private static string SwapLines(Random random, List<string> lines)
    {
        if (lines.Count < 2)
        {
            return "SwapLines (too short)";
        }

        int a = random.Next(lines.Count);
        int b = random.Next(3) == 0 ? random.Next(lines.Count) : Math.Min(lines.Count - 1, a + 1);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return $"SwapLines {a + 1} and {b + 1}";
    }

    private static string DeleteLine(Random random, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return "DeleteLine (empty)";
        }

        int line = random.Next(lines.Count);
        lines.RemoveAt(line);
        return $"DeleteLine {line + 1}";
    }

    // ---- byte-level ----------------------------------------------------------------------------------------------------

    private static string ByteLevel(Random random, List<byte> bytes)
    {
        int op = random.Next(9);
        if (bytes.Count == 0 && op is 0 or 2 or 3 or 6 or 7)
        {
            op = 4;
        }

        switch (op)
        {
            case 0:
            {
                int at = random.Next(bytes.Count);
                int bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return $"FlipBit {bit} of byte {at}";
            }

            case 1:
            {
                int at = random.Next(bytes.Count + 1);
                byte b = (byte)random.Next(256);
                bytes.Insert(at, b);
                return $"InsertByte 0x{b:X2} at {at}";
            }

            case 2:
            {
                int at = random.Next(bytes.Count);
                int length = Math.Min(bytes.Count - at, random.Next(1, random.Next(2) == 0 ? 4 : 64));
                bytes.RemoveRange(at, length);
                return $"DeleteRange {at}+{length}";
            }

            case 3:
            {
                int at = random.Next(bytes.Count);
                int length = Math.Min(bytes.Count - at, random.Next(1, random.Next(2) == 0 ? 16 : 400));
                var range = bytes.GetRange(at, length);
                int to = random.Next(2) == 0 ? at + length : random.Next(bytes.Count + 1);
                bytes.InsertRange(to, range);
                return $"DuplicateRange {at}+{length} to {to}";
            }

            case 4:
            case 5:
            {
                var (name, token) = Tokens[random.Next(Tokens.Length)];
                int at = random.Next(bytes.Count + 1);
                bytes.InsertRange(at, token);
                return $"InsertToken {name} at {at}";
            }

            case 6:
            {
                int at = random.Next(bytes.Count);
                byte b = (byte)random.Next(256);
                bytes[at] = b;
                return $"ReplaceByte {at} with 0x{b:X2}";
            }

            case 7:
            {
                int at = random.Next(bytes.Count);
                bytes.RemoveRange(at, bytes.Count - at);
                return $"Truncate at {at}";
            }

            default:
            {
                // Insert a token at the start of a line (where YAML's indicators matter most).
                var starts = new List<int> { 0 };
                for (int i = 0; i < bytes.Count; i++)
                {
                    if (bytes[i] == (byte)'\n')
                    {
                        starts.Add(i + 1);
                    }
                }

                int at = starts[random.Next(starts.Count)];
                var (name, token) = Tokens[random.Next(Tokens.Length)];
                bytes.InsertRange(at, token);
                return $"InsertToken {name} at line start {at}";
            }
        }
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static string Short(string s) => s.Length <= 24 ? s.Replace("\n", "\\n", StringComparison.Ordinal) : s.Substring(0, 12) + $"…({s.Length} chars)";
}
