using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using IdpDynamo.Schema.Tests.Infrastructure;
using IdpDynamo.Schema.Validation;
using Xunit.Abstractions;

namespace IdpDynamo.Schema.Tests;

/// <summary>
/// Bad input never crashes anything. Malformed YAML, binary garbage, huge files, deep nesting, alias bombs,
/// BOMs, CRLF and non-UTF-8 each get a diagnostic with a 1-based position (or none for valid input), in bounded time,
/// and <see cref="ValuesValidator.Validate"/> never throws. The stopwatch bounds are hang guards, not benchmarks.
/// </summary>
public class RobustnessTests
{
    /// <summary>Generous bound for one validation; only a hang (or a quadratic blow-up) can exceed it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper _output;

    public RobustnessTests(ITestOutputHelper output) => _output = output;

    // ---------------------------------------------------------------------------------------------------------------
    // Harness
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Validates on a thread with a 1 MiB stack (the Windows default, as in an MSBuild node or the IDE), so recursion
    /// that a bigger test-runner stack would survive still fails here. Asserts: no exception, no IDPDYN999, every
    /// position 1-based, finished within <paramref name="guard"/>.
    /// </summary>
    private static IReadOnlyList<Diagnostic> Validate(byte[] bytes, TimeSpan? guard = null, string? ns = "webshop-test")
    {
        IReadOnlyList<Diagnostic>? result = null;
        Exception? thrown = null;
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = Check.ValidateBytes(bytes, ns);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            },
            maxStackSize: 1024 * 1024)
        {
            IsBackground = true, // a hung validation must not keep the test process alive
        };
        thread.Start();
        var limit = guard ?? HangGuard;
        bool finished = thread.Join(limit + limit);
        stopwatch.Stop();

        Assert.True(finished, $"Validation of {bytes.Length:N0} bytes did not finish within {limit + limit} (hang)");
        Assert.True(thrown is null, $"ValuesValidator.Validate threw: {thrown}");
        Assert.True(stopwatch.Elapsed < limit, $"Validation of {bytes.Length:N0} bytes took {stopwatch.Elapsed} (guard {limit})");
        var diagnostics = result!;
        Assert.True(diagnostics.All(d => d.Id != DiagnosticIds.InternalError), $"Internal error instead of a diagnostic:\n{Check.Describe(diagnostics)}");
        Assert.All(diagnostics, d => Assert.True(d.Span.Line >= 1 && d.Span.Column >= 1, $"Position not 1-based: {d}"));
        Assert.All(diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message), $"Empty message: {d.Id}"));
        return diagnostics;
    }

    private static IReadOnlyList<Diagnostic> Validate(string yaml, TimeSpan? guard = null) => Validate(Encoding.UTF8.GetBytes(yaml), guard);

    /// <summary>Every diagnostic's position lies inside <paramref name="text"/> (or one past the end of a line, or at EOF).</summary>
    private static void AssertPositionsInside(IReadOnlyList<Diagnostic> diagnostics, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var d in diagnostics)
        {
            Assert.True(d.Span.Line <= lines.Length + 1, $"Line {d.Span.Line} beyond the {lines.Length} lines of the file: {d}");
            if (d.Span.Line <= lines.Length)
            {
                Assert.True(d.Span.Column <= lines[d.Span.Line - 1].Length + 1, $"Column {d.Span.Column} beyond line {d.Span.Line} ({lines[d.Span.Line - 1].Length} chars): {d}");
            }
        }
    }

    /// <summary>Exactly one IDPDYN001, at (line, column); it is an error.</summary>
    private static Diagnostic InvalidYamlAt(IReadOnlyList<Diagnostic> diagnostics, int line, int column)
    {
        var d = Check.Single(diagnostics, DiagnosticIds.InvalidYaml, line, column);
        Assert.Equal(Severity.Error, d.Severity);
        return d;
    }

    private static Diagnostic SingleInvalidYaml(IReadOnlyList<Diagnostic> diagnostics)
    {
        var all = diagnostics.Where(d => d.Id == DiagnosticIds.InvalidYaml).ToList();
        Assert.True(all.Count == 1, $"Expected exactly one IDPDYN001; got:\n{Check.Describe(diagnostics)}");
        Assert.Equal(Severity.Error, all[0].Severity);
        return all[0];
    }

    private static void AssertClean(IReadOnlyList<Diagnostic> diagnostics)
        => Assert.True(diagnostics.Count == 0, $"Expected no diagnostics; got:\n{Check.Describe(diagnostics)}");

    private static byte[] Utf8Bom(string text) => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    private static byte[] Utf16LeBom(string text) => new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text)).ToArray();

    private static byte[] Utf16BeBom(string text) => new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray();

    /// <summary>The baseline file broken in one place: hashKey 'Pk' is not declared (IDPDYN020 at line 5, column 14).</summary>
    private static string WithHashKeyError => Values.Valid.Replace("hashKey: CustomerId", "hashKey: Pk", StringComparison.Ordinal);

    private static (string Id, int Line, int Column)[] Positions(IReadOnlyList<Diagnostic> diagnostics)
        => diagnostics.Select(d => (d.Id, d.Span.Line, d.Span.Column)).ToArray();

    // ---------------------------------------------------------------------------------------------------------------
    // Malformed YAML
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_tab_used_for_indentation_is_IDPDYN001_at_the_tab()
        => InvalidYamlAt(Validate("managementPolicies: Control\ntables:\n\t- name: Orders\n"), 3, 1);

    [Fact]
    public void An_unterminated_double_quote_is_IDPDYN001_at_the_opening_quote()
        => InvalidYamlAt(Validate("managementPolicies: Control\ntables:\n  - name: \"Orders\n    hashKey: Id\n"), 3, 11);

    [Fact]
    public void An_unterminated_flow_sequence_is_IDPDYN001()
    {
        const string yaml = "managementPolicies: Control\ntables:\n  - name: Orders\n    serviceAccountReadRoles: [\"a-webshop-test\", \"b-webshop-test\"\n";
        var d = SingleInvalidYaml(Validate(yaml));
        Assert.InRange(d.Span.Line, 4, 5);
    }

    [Theory]
    [InlineData("tables:\n  - name: Orders\n   hashKey: Id\n", 3)]                 // inconsistent indentation
    [InlineData("tables:\n  - name: Orders\n  hashKey: Id\n  - : :\n", 3)]         // a mapping key where a sequence item is expected
    [InlineData("tables: [\n", 1)]                                                    // stream ends inside a flow collection
    [InlineData("tables: {name: Orders\n", 1)]
    [InlineData("tables:\n  - name: 'Orders\n", 2)]                                   // unterminated single quote
    [InlineData("a: b: c\n", 1)]                                                      // mapping values are not allowed here
    [InlineData("- a\nb: c\n", 2)]                                                    // sequence, then a mapping at the same level
    [InlineData("tables:\n  - &a name: x\n  - *b\n", 3)]                              // unknown anchor after valid content
    [InlineData("tables: !!int abc\n", 1)]                                            // tag that cannot apply
    [InlineData("%YAML 9.9\n--- \ntables: []\n", 1)]                                  // unsupported YAML version directive
    [InlineData("tables:\n  - name: Orders\n    hashKey: |\n  x\n  y: [\n", 4)]
    public void Malformed_yaml_is_one_IDPDYN001_with_a_position_in_the_file(string yaml, int minLine)
    {
        var diagnostics = Validate(yaml);
        var d = SingleInvalidYaml(diagnostics);
        Assert.True(d.Span.Line >= minLine, $"IDPDYN001 before the problem (expected line >= {minLine}): {d}");
        AssertPositionsInside(diagnostics, yaml);
    }

    [Fact]
    public void Random_yaml_like_text_never_throws_and_positions_stay_inside_the_file()
    {
        // Seeded, so a failure is reproducible: the seed is in the assertion message.
        const string alphabet = "-:[]{}'\"&*!|>#%@,?`~<= \n\n\n  \tabcXYZ019._/\\\u00e4\u20ac";
        for (int seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            int length = random.Next(1, 600);
            var sb = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            }

            string text = sb.ToString();
            IReadOnlyList<Diagnostic> diagnostics;
            try
            {
                diagnostics = Validate(text);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {ex.Message}\ninput: {Escape(text)}");
            }

            try
            {
                AssertPositionsInside(diagnostics.Where(d => d.File == Check.DisplayPath).ToList(), text);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed}: {ex.Message}\ninput: {Escape(text)}");
            }
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString()));

    // ---------------------------------------------------------------------------------------------------------------
    // Binary garbage
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Random_binary_garbage_is_IDPDYN001_on_the_line_of_the_first_invalid_byte()
    {
        for (int seed = 1; seed <= 200; seed++)
        {
            var random = new Random(seed);
            var bytes = new byte[random.Next(64, 8192)];
            random.NextBytes(bytes);

            var diagnostics = Validate(bytes);

            string context = $"seed {seed}, {bytes.Length} bytes:\n{Check.Describe(diagnostics)}";
            var d = diagnostics.SingleOrDefault(x => x.Id == DiagnosticIds.InvalidYaml);
            Assert.True(d is not null, context);

            // Where is the first byte that is not UTF-8, or (if it all decodes) the first character YAML forbids?
            int bad = FirstInvalidUtf8(bytes);
            Assert.True(bad >= 0, $"seed {seed}: the generator made valid UTF-8; pick another seed range");
            int line = 1 + bytes.Take(bad).Count(b => b == (byte)'\n');
            int lineStart = bad == 0 ? 0 : Array.LastIndexOf(bytes, (byte)'\n', bad - 1) + 1;

            Assert.True(d!.Span.Line == line, $"Expected the invalid byte's line {line}; {context}");
            Assert.InRange(d.Span.Column, 1, bad - lineStart + 1);
        }
    }

    /// <summary>Offset of the first byte of the first invalid UTF-8 sequence (after an optional BOM), or -1.</summary>
    private static int FirstInvalidUtf8(byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(start), new char[bytes.Length], out int read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? -1 : start + read;
    }

    [Fact]
    public void A_zip_header_is_IDPDYN001_at_the_first_bad_byte()
    {
        // "PK\x03\x04": the control character U+0003 at column 3 is the first thing YAML (and go-yaml) rejects.
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 };
        InvalidYamlAt(Validate(bytes), 1, 3);
    }

    [Fact]
    public void A_png_header_is_IDPDYN001_at_the_first_bad_byte()
    {
        // 0x89 is not a UTF-8 lead byte.
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };
        InvalidYamlAt(Validate(bytes), 1, 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Empty and trivial files
    // ---------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("   \n")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void An_empty_file_is_only_the_no_tables_warning_at_line_1(string text)
    {
        var diagnostics = Validate(text);
        var d = Check.Single(diagnostics, DiagnosticIds.NoTables, 1, 1);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(new[] { DiagnosticIds.NoTables }, Check.Ids(diagnostics));
    }

    [Fact]
    public void A_zero_byte_array_never_throws()
    {
        var diagnostics = Validate(Array.Empty<byte>());
        Check.NoErrors(diagnostics);
    }

    [Fact]
    public void A_file_of_only_a_bom_is_an_empty_file()
    {
        var diagnostics = Validate(new byte[] { 0xEF, 0xBB, 0xBF });
        Check.NoErrors(diagnostics);
        Check.None(diagnostics, DiagnosticIds.InvalidYaml);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // BOM, CRLF, UTF-16
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_utf8_bom_is_accepted()
        => AssertClean(Validate(Utf8Bom(Values.Valid)));

    [Fact]
    public void A_utf8_bom_does_not_shift_columns()
    {
        var plain = Validate(WithHashKeyError);
        var bom = Validate(Utf8Bom(WithHashKeyError));
        Check.Has(plain, "IDPDYN020", 5, 14);
        Assert.Equal(Positions(plain), Positions(bom));
    }

    [Fact]
    public void A_bom_does_not_shift_the_column_of_an_error_on_line_1()
    {
        // The first key is misspelled: IDPDYN007 at (1,1) with or without a BOM.
        string yaml = Values.Valid.Replace("managementPolicies:", "managementPolicy:", StringComparison.Ordinal);
        Check.Has(Validate(Utf8Bom(yaml)), "IDPDYN007", 1, 1);
        Check.Has(Validate(Utf16LeBom(yaml)), "IDPDYN007", 1, 1);
    }

    [Fact]
    public void Crlf_line_endings_are_accepted()
        => AssertClean(Validate(Values.Valid.Replace("\n", "\r\n", StringComparison.Ordinal)));

    [Fact]
    public void Crlf_line_endings_keep_lines_and_columns()
    {
        var lf = Validate(WithHashKeyError);
        var crlf = Validate(WithHashKeyError.Replace("\n", "\r\n", StringComparison.Ordinal));
        Check.Has(crlf, "IDPDYN020", 5, 14);
        Assert.Equal(Positions(lf), Positions(crlf));
    }

    [Fact]
    public void Crlf_line_endings_keep_the_position_of_a_syntax_error()
        => InvalidYamlAt(Validate("managementPolicies: Control\r\ntables:\r\n\t- name: Orders\r\n"), 3, 1);

    [Fact]
    public void Mixed_line_endings_keep_positions()
    {
        string mixed = string.Concat(WithHashKeyError.Split('\n').Select((l, i) => i % 2 == 0 ? l + "\r\n" : l + "\n"));
        Check.Has(Validate(mixed), "IDPDYN020", 5, 14);
    }

    [Fact]
    public void Utf16_le_with_bom_is_accepted()
        => AssertClean(Validate(Utf16LeBom(Values.Valid)));

    [Fact]
    public void Utf16_be_with_bom_is_accepted()
        => AssertClean(Validate(Utf16BeBom(Values.Valid)));

    [Fact]
    public void Utf16_keeps_lines_and_columns()
    {
        var utf8 = Validate(WithHashKeyError);
        Assert.Equal(Positions(utf8), Positions(Validate(Utf16LeBom(WithHashKeyError))));
        Assert.Equal(Positions(utf8), Positions(Validate(Utf16BeBom(WithHashKeyError.Replace("\n", "\r\n", StringComparison.Ordinal)))));
    }

    [Fact]
    public void Utf16_with_a_lone_surrogate_is_IDPDYN001_at_it()
    {
        // "  - name: Ord<D800>ers": go-yaml rejects an unpaired surrogate; silently turning it into U+FFFD would
        // validate a file Helm cannot read.
        var text = Values.Valid.Replace("- name: Orders", "- name: Ord\uD800ers", StringComparison.Ordinal);
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(text.SelectMany(c => new[] { (byte)(c & 0xFF), (byte)(c >> 8) })).ToArray();
        InvalidYamlAt(Validate(bytes), 4, 14);
    }

    [Fact]
    public void Utf16_with_an_odd_number_of_bytes_is_IDPDYN001()
    {
        // The dangling byte starts the line after the last newline: go-yaml says "incomplete UTF-16 character sequence".
        var bytes = Utf16LeBom(Values.Valid).Concat(new byte[] { 0x41 }).ToArray();
        InvalidYamlAt(Validate(bytes), Values.Valid.Count(c => c == '\n') + 1, 1);
    }

    [Fact]
    public void Utf16_without_a_bom_is_IDPDYN001_at_the_first_nul()
    {
        // 'm' 0x00 'a' 0x00 ...: not UTF-8 YAML; the first NUL is line 1, column 2.
        InvalidYamlAt(Validate(Encoding.Unicode.GetBytes(Values.Valid)), 1, 2);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Invalid UTF-8 and NUL bytes
    // ---------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(new byte[] { 0xFF })]               // never valid
    [InlineData(new byte[] { 0xC0, 0x80 })]         // overlong NUL
    [InlineData(new byte[] { 0xE0, 0x80, 0x80 })]   // overlong
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]   // UTF-16 surrogate encoded in UTF-8
    [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 })] // beyond U+10FFFF
    [InlineData(new byte[] { 0x80 })]               // lone continuation byte
    [InlineData(new byte[] { 0xE2, 0x82 })]         // truncated (followed by 'e')
    public void Invalid_utf8_is_IDPDYN001_at_the_line_and_column_of_the_bad_byte(byte[] bad)
    {
        // Line 4 "  - name: Ord" + bad + "ers": the bad byte is column 14.
        byte[] bytes = Splice(Values.Valid, "  - name: Ord", bad);
        var d = InvalidYamlAt(Validate(bytes), 4, 14);
        Assert.Contains("UTF-8", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_after_multibyte_characters_counts_characters_not_bytes()
    {
        // "  - name: Ördär" is 15 characters but 17 bytes; the bad byte is column 16.
        string yaml = Values.Valid.Replace("- name: Orders", "- name: Ördärs", StringComparison.Ordinal);
        InvalidYamlAt(Validate(Splice(yaml, "  - name: Ördär", new byte[] { 0xFF })), 4, 16);
    }

    [Fact]
    public void Invalid_utf8_after_a_bom_is_at_the_right_column()
        => InvalidYamlAt(Validate(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Splice(Values.Valid, "managementPolicies: Con", new byte[] { 0xFF })).ToArray()), 1, 24);

    [Fact]
    public void Invalid_utf8_at_the_very_end_is_reported_there()
    {
        var bytes = Encoding.UTF8.GetBytes(Values.Valid + "# trailing").Concat(new byte[] { 0xE2 }).ToArray();
        int lines = Values.Valid.Count(c => c == '\n') + 1;
        InvalidYamlAt(Validate(bytes), lines, 11);
    }

    [Fact]
    public void Invalid_utf8_with_crlf_is_on_the_right_line()
    {
        string crlf = Values.Valid.Replace("\n", "\r\n", StringComparison.Ordinal);
        InvalidYamlAt(Validate(Splice(crlf, "  - name: Ord", new byte[] { 0xFF })), 4, 14);
    }

    [Fact]
    public void A_nul_byte_is_IDPDYN001_at_its_position()
    {
        var d = InvalidYamlAt(Validate(Splice(Values.Valid, "  - name: Ord", new byte[] { 0x00 })), 4, 14);
        Assert.Contains("U+0000", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nul_byte_at_the_start_is_at_1_1()
        => InvalidYamlAt(Validate(new byte[] { 0x00 }.Concat(Encoding.UTF8.GetBytes(Values.Valid)).ToArray()), 1, 1);

    [Fact]
    public void A_nul_byte_in_a_comment_is_still_IDPDYN001()
    {
        string yaml = Values.Valid.Replace("deletionPolicy: Orphan\n", "deletionPolicy: Orphan # keep\n", StringComparison.Ordinal);
        InvalidYamlAt(Validate(Splice(yaml, "deletionPolicy: Orphan # keep", new byte[] { 0x00 })), 2, 30);
    }

    [Fact]
    public void A_nul_byte_with_crlf_is_at_its_position()
    {
        string crlf = Values.Valid.Replace("\n", "\r\n", StringComparison.Ordinal);
        InvalidYamlAt(Validate(Splice(crlf, "  - name: Ord", new byte[] { 0x00 })), 4, 14);
    }

    [Fact]
    public void A_nul_byte_after_cr_only_line_endings_is_on_the_right_line()
    {
        // YAML (and go-yaml) treat a lone CR as a line break, so the NUL is on line 4.
        string cr = Values.Valid.Replace("\n", "\r", StringComparison.Ordinal);
        InvalidYamlAt(Validate(Splice(cr, "  - name: Ord", new byte[] { 0x00 })), 4, 14);
    }

    [Fact]
    public void A_nul_byte_in_utf16_is_at_its_position()
    {
        string text = Values.Valid.Replace("- name: Orders", "- name: Ord\0ers", StringComparison.Ordinal);
        InvalidYamlAt(Validate(Utf16LeBom(text)), 4, 14);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x07)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    public void Other_control_characters_are_IDPDYN001_at_their_position(int c)
        => InvalidYamlAt(Validate(Splice(Values.Valid, "  - name: Ord", new[] { (byte)c })), 4, 14);

    /// <summary>UTF-8 of <paramref name="text"/> with <paramref name="insert"/> placed right after the first <paramref name="after"/>.</summary>
    private static byte[] Splice(string text, string after, byte[] insert)
    {
        int at = text.IndexOf(after, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{after}' not in the text");
        var head = Encoding.UTF8.GetBytes(text.Substring(0, at + after.Length));
        var tail = Encoding.UTF8.GetBytes(text.Substring(at + after.Length));
        return head.Concat(insert).Concat(tail).ToArray();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Deep nesting
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Ten_thousand_nested_flow_sequences_are_IDPDYN001_not_a_stack_overflow()
    {
        string yaml = "tables: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        var d = SingleInvalidYaml(Validate(yaml));
        Assert.Equal(1, d.Span.Line);
        Assert.InRange(d.Span.Column, 9, 9 + 10_000);
        Assert.Contains("nesting", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_nested_flow_mappings_are_IDPDYN001_not_a_stack_overflow()
    {
        var sb = new StringBuilder("tables: ");
        for (int i = 0; i < 10_000; i++)
        {
            sb.Append("{a: ");
        }

        sb.Append('x').Append('}', 10_000).Append('\n');
        var d = SingleInvalidYaml(Validate(sb.ToString()));
        Assert.Equal(1, d.Span.Line);
    }

    [Fact]
    public void Unterminated_deep_flow_nesting_is_IDPDYN001()
    {
        var d = SingleInvalidYaml(Validate("tables: " + new string('[', 10_000) + "\n"));
        Assert.True(d.Span.Line >= 1);
    }

    [Fact]
    public void Ten_thousand_nested_block_sequences_are_IDPDYN001_not_a_stack_overflow()
    {
        // "- - - - … x": each "- " opens a block sequence inside the previous one.
        string yaml = "tables:\n" + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n";
        var d = SingleInvalidYaml(Validate(yaml));
        Assert.Equal(2, d.Span.Line);
        Assert.Contains("nesting", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_thousand_nested_block_mappings_are_IDPDYN001_not_a_stack_overflow()
    {
        // "a:\n a:\n  a:\n …" one space deeper per level. 10,000 levels would need 50 MB of indentation (IDPDYN130),
        // so block mappings go to twice the limit; the 10,000-deep block case is the sequence test above.
        var sb = new StringBuilder("tables:\n");
        for (int i = 1; i <= 2_000; i++)
        {
            sb.Append(' ', i).Append("a:\n");
        }

        var d = SingleInvalidYaml(Validate(sb.ToString(), TimeSpan.FromSeconds(30)));
        Assert.InRange(d.Span.Line, 2, 2_001);
        Assert.Contains("nesting", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_of_a_realistic_depth_is_fine()
    {
        // 50 levels: far deeper than any values file, far below the limit.
        string yaml = "tables:\n  - name: Orders\n    extra: " + new string('[', 50) + new string(']', 50) + "\n";
        Check.None(Validate(yaml), DiagnosticIds.InvalidYaml);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Alias bombs
    // ---------------------------------------------------------------------------------------------------------------

    private static string BillionLaughs()
    {
        var sb = new StringBuilder();
        sb.Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            char p = (char)(c - 1);
            sb.Append(c).Append(": &").Append(c).Append(" [")
              .Append(string.Join(",", Enumerable.Repeat("*" + p, 9)))
              .Append("]\n");
        }

        sb.Append("tables: *i\n");
        return sb.ToString();
    }

    [Fact]
    public void A_billion_laughs_alias_bomb_is_IDPDYN001_excessive_aliasing_quickly()
    {
        string yaml = BillionLaughs();
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = Validate(yaml);
        stopwatch.Stop();

        var d = SingleInvalidYaml(diagnostics);
        Assert.Contains("excessive aliasing", d.Message, StringComparison.Ordinal);
        AssertPositionsInside(diagnostics, yaml);
        _output.WriteLine($"billion laughs: {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_mapping_alias_bomb_is_IDPDYN001_excessive_aliasing()
    {
        var sb = new StringBuilder("l0: &l0 {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol, k9: lol}\n");
        for (int level = 1; level <= 12; level++)
        {
            sb.Append($"l{level}: &l{level} {{");
            sb.Append(string.Join(", ", Enumerable.Range(0, 10).Select(k => $"k{k}: *l{level - 1}")));
            sb.Append("}\n");
        }

        var d = SingleInvalidYaml(Validate(sb.ToString()));
        Assert.Contains("excessive aliasing", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_key_bomb_finishes_quickly_without_an_internal_error()
    {
        var sb = new StringBuilder("m0: &m0 {a: 1, b: 2, c: 3}\n");
        for (int level = 1; level <= 30; level++)
        {
            sb.Append($"m{level}: &m{level} {{<<: [*m{level - 1}, *m{level - 1}, *m{level - 1}], x{level}: [*m{level - 1}, *m{level - 1}]}}\n");
        }

        var d = SingleInvalidYaml(Validate(sb.ToString()));
        Assert.Contains("excessive aliasing", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_ordinary_aliases_are_not_a_bomb()
    {
        string yaml = Values.Valid.Replace("serviceAccountReadRoles: [\"orders-api-webshop-test\"]", "serviceAccountReadRoles: &roles [\"orders-api-webshop-test\"]", StringComparison.Ordinal)
                                  .Replace("serviceAccountWriteRoles: [\"orders-api-webshop-test\"]", "serviceAccountWriteRoles: *roles", StringComparison.Ordinal);
        var diagnostics = Validate(yaml);
        Check.None(diagnostics, DiagnosticIds.InvalidYaml);
        Check.NoErrors(diagnostics);
    }

    [Fact]
    public void An_unknown_alias_is_IDPDYN001_at_the_alias()
    {
        var d = InvalidYamlAt(Validate("managementPolicies: Control\ntables: *nowhere\n"), 2, 9);
        Assert.Contains("nowhere", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_used_before_its_anchor_is_IDPDYN001_at_the_alias()
        => InvalidYamlAt(Validate("managementPolicies: *later\ndeletionPolicy: &later Orphan\ntables: []\n"), 1, 21);

    // ---------------------------------------------------------------------------------------------------------------
    // .inf / .nan
    // ---------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(".inf")]
    [InlineData("-.inf")]
    [InlineData("+.Inf")]
    [InlineData(".INF")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    public void A_non_finite_number_is_IDPDYN001_at_the_value(string value)
    {
        string yaml = Values.Valid.Replace("    billingMode: PAY_PER_REQUEST\n", $"    billingMode: PROVISIONED\n    readCapacity: {value}\n    writeCapacity: 5\n", StringComparison.Ordinal);
        var d = InvalidYamlAt(Validate(yaml), 13, 19);
        Assert.Contains(value, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_number_deep_in_an_unknown_key_is_still_IDPDYN001()
        => InvalidYamlAt(Validate("custom:\n  nested: [1, 2, .inf]\ntables: []\n"), 2, 18);

    [Theory]
    [InlineData("'.inf'")]
    [InlineData("\".nan\"")]
    [InlineData("inf")]
    [InlineData("infinity")]
    public void Quoted_or_non_yaml_infinity_is_a_string_not_IDPDYN001(string value)
    {
        string yaml = Values.Valid.Replace("- name: Orders", $"- name: {value}", StringComparison.Ordinal);
        Check.None(Validate(yaml), DiagnosticIds.InvalidYaml);
    }

    [Fact]
    public void A_huge_integer_does_not_throw()
    {
        string yaml = Values.Valid.Replace("    billingMode: PAY_PER_REQUEST\n", "    billingMode: PROVISIONED\n    readCapacity: 99999999999999999999999999999999999999999999\n    writeCapacity: 1.0e+999\n", StringComparison.Ordinal);
        Validate(yaml);
    }

    [Fact]
    public void Many_duplicate_keys_are_reported_in_bounded_time()
    {
        // 30,000 distinct keys, then the last one repeated 30,000 times (660 KB): every repeat is IDPDYN002 at its own
        // line. Linear handling takes well under a second; rescanning the mapping per duplicate takes ~10^9 steps.
        const int n = 30_000;
        var sb = new StringBuilder(n * 26);
        for (int i = 0; i < n; i++)
        {
            sb.Append('k').Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append(": 1\n");
        }

        for (int i = 0; i < n; i++)
        {
            sb.Append("k029999: 2\n");
        }

        var diagnostics = Validate(sb.ToString());
        Check.Has(diagnostics, DiagnosticIds.DuplicateKey, n + 1, 1);
        Check.Has(diagnostics, DiagnosticIds.DuplicateKey, 2 * n, 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Size
    // ---------------------------------------------------------------------------------------------------------------

    [Fact]
    public void A_file_over_16_MiB_is_IDPDYN130_at_1_1_without_parsing()
    {
        var bytes = new byte[20 * 1024 * 1024];
        Array.Fill(bytes, (byte)'[');
        var stopwatch = Stopwatch.StartNew();
        var diagnostics = Validate(bytes);
        stopwatch.Stop();

        var d = Check.Single(diagnostics, DiagnosticIds.FileTooLarge, 1, 1);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new[] { DiagnosticIds.FileTooLarge }, Check.Ids(diagnostics));
        Assert.Contains("20 MiB", d.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void A_50_MB_values_file_is_IDPDYN130_in_bounded_time()
    {
        // Issue 7's named hostile input: 50 MB of ordinary, valid-looking tables (not filler bytes), so a reader that
        // parsed before checking the size would take seconds and hundreds of MB here.
        byte[] table = Encoding.UTF8.GetBytes(GenerateValidFile(100).Substring("managementPolicies: Control\ndeletionPolicy: Orphan\ntables:\n".Length));
        byte[] head = Encoding.UTF8.GetBytes("managementPolicies: Control\ndeletionPolicy: Orphan\ntables:\n");
        var bytes = new byte[50_000_000];
        head.CopyTo(bytes, 0);
        for (int at = head.Length; at < bytes.Length; at += table.Length)
        {
            Array.Copy(table, 0, bytes, at, Math.Min(table.Length, bytes.Length - at));
        }

        var stopwatch = Stopwatch.StartNew();
        var diagnostics = Validate(bytes);
        stopwatch.Stop();

        var d = Check.Single(diagnostics, DiagnosticIds.FileTooLarge, 1, 1);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new[] { DiagnosticIds.FileTooLarge }, Check.Ids(diagnostics));
        Assert.Contains("47.7 MiB", d.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void A_file_of_exactly_16_MiB_is_parsed()
    {
        // A comment padded to exactly the limit: parsed (no IDPDYN130), only the no-tables warning.
        var bytes = new byte[ValuesValidator.MaxFileBytes];
        Array.Fill(bytes, (byte)'x');
        bytes[0] = (byte)'#';
        var diagnostics = Validate(bytes, TimeSpan.FromSeconds(30));
        Check.None(diagnostics, DiagnosticIds.FileTooLarge);
        Check.NoErrors(diagnostics);
    }

    /// <summary>A valid values file of at least <paramref name="targetBytes"/>: many ordinary tables, each with its own role.</summary>
    private static string GenerateValidFile(int targetBytes)
    {
        var sb = new StringBuilder(targetBytes + 1024);
        sb.Append("managementPolicies: Control\ndeletionPolicy: Orphan\ntables:\n");
        for (int i = 0; sb.Length < targetBytes; i++)
        {
            string n = i.ToString("D6", CultureInfo.InvariantCulture);
            sb.Append("  - name: Orders").Append(n).Append('\n')
              .Append("    hashKey: CustomerId\n")
              .Append("    rangeKey: OrderDate\n")
              .Append("    attributes:\n")
              .Append("      - name: CustomerId\n        type: 'S'\n")
              .Append("      - name: OrderDate\n        type: 'S'\n")
              .Append("      - name: Amount\n        type: 'N'\n")
              .Append("    billingMode: PAY_PER_REQUEST\n")
              .Append("    globalSecondaryIndex:\n")
              .Append("      - name: AmountIndex\n")
              .Append("        hashKey: CustomerId\n")
              .Append("        rangeKey: Amount\n")
              .Append("        projectionType: ALL\n")
              .Append("    serviceAccountReadRoles: [\"orders").Append(n).Append("-api-webshop-test\"]\n")
              .Append("    serviceAccountWriteRoles: [\"orders").Append(n).Append("-api-webshop-test\"]\n");
        }

        return sb.ToString();
    }

    [Fact]
    public void The_generated_large_file_is_valid_in_small()
        => AssertClean(Validate(GenerateValidFile(2_000)));

    [Fact]
    public void A_10_MB_valid_file_has_no_errors_and_time_grows_about_linearly()
    {
        byte[] warmUp = Encoding.UTF8.GetBytes(GenerateValidFile(100_000));
        byte[] oneMb = Encoding.UTF8.GetBytes(GenerateValidFile(1_000_000));
        byte[] tenMb = Encoding.UTF8.GetBytes(GenerateValidFile(10_000_000));

        Validate(warmUp);

        // Best of three for the small file and of two for the large one, each after a full collection, so that JIT, the
        // garbage of the previous run and a busy machine cannot decide the ratio either way.
        TimeSpan small = TimeSpan.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            var sw = Stopwatch.StartNew();
            var d1 = Validate(oneMb, TimeSpan.FromSeconds(60));
            sw.Stop();
            Check.NoErrors(d1);
            small = sw.Elapsed < small ? sw.Elapsed : small;
        }

        TimeSpan large = TimeSpan.MaxValue;
        IReadOnlyList<Diagnostic> diagnostics = Array.Empty<Diagnostic>();
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            diagnostics = Validate(tenMb, TimeSpan.FromSeconds(300));
            stopwatch.Stop();
            large = stopwatch.Elapsed < large ? stopwatch.Elapsed : large;
        }

        double ratio = large.TotalMilliseconds / Math.Max(1.0, small.TotalMilliseconds);
        _output.WriteLine($"1 MB ({oneMb.Length:N0} bytes): {small.TotalMilliseconds:F0} ms; 10 MB ({tenMb.Length:N0} bytes): {large.TotalMilliseconds:F0} ms; ratio {ratio:F1}");
        Console.WriteLine($"[RobustnessTests] 1 MB: {small.TotalMilliseconds:F0} ms; 10 MB: {large.TotalMilliseconds:F0} ms; ratio {ratio:F1}");

        Check.NoErrors(diagnostics);
        Check.None(diagnostics, DiagnosticIds.InvalidYaml);
        Assert.True(ratio < 25, $"10 MB took {ratio:F1}x the time of 1 MB ({large.TotalMilliseconds:F0} ms vs {small.TotalMilliseconds:F0} ms): not linear");
    }
}
