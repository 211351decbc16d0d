using System.Text;

namespace IdpDynamo.Schema.Yaml;

/// <summary>Bytes to text as Helm reads a values file: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is IDPDYN001.</summary>
internal static class YamlDecoder
{
    /// <summary>Decodes bytes as Helm does: UTF-8 (BOM optional) or UTF-16 with a BOM; invalid UTF-8 is IDPDYN001.</summary>
    public static string? Decode(byte[] bytes, DiagnosticBag bag)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return DecodeUtf16(bytes, bigEndian: bytes[0] == 0xFE, bag);
        }

        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            int bad = FindInvalidUtf8(bytes, start);
            var (line, column) = PositionOfByte(bytes, start, bad);
            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column),
                $"Invalid YAML: the file is not valid UTF-8 (byte 0x{bytes[bad]:X2} at offset {bad}); save it as UTF-8");
            return null;
        }
    }

    // UTF-16 is decoded by hand: lone surrogates are kept (YamlCharacterCheck reports them at their position instead of a
    // silent U+FFFD), and a dangling odd byte is reported where it starts.
    private static string? DecodeUtf16(byte[] bytes, bool bigEndian, DiagnosticBag bag)
    {
        int pairs = (bytes.Length - 2) / 2;
        var chars = new char[pairs];
        for (int i = 0; i < pairs; i++)
        {
            byte a = bytes[2 + (2 * i)];
            byte b = bytes[3 + (2 * i)];
            chars[i] = (char)(bigEndian ? (a << 8) | b : (b << 8) | a);
        }

        string text = new(chars);
        if ((bytes.Length & 1) == 1)
        {
            var (line, column) = EndPosition(text);
            bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, column), "Invalid YAML: incomplete UTF-16 character sequence at the end of the file");
            return null;
        }

        return text;
    }

    private static (int Line, int Column) EndPosition(string text)
    {
        int line = 1, column = 1;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                column = 1;
            }
            else if (text[i] != '\r')
            {
                column++;
            }
        }

        return (line, column);
    }

    private static int FindInvalidUtf8(byte[] bytes, int start)
    {
        int i = start;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            int need = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 && b >= 0xC2 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 && b <= 0xF4 ? 3 : -1;
            if (need < 0 || i + need >= bytes.Length)
            {
                return i;
            }

            for (int k = 1; k <= need; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            try
            {
                new UTF8Encoding(false, true).GetCharCount(bytes, i, need + 1);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }

            i += need + 1;
        }

        return Math.Min(start, bytes.Length - 1);
    }

    private static (int Line, int Column) PositionOfByte(byte[] bytes, int start, int offset)
    {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Count characters (not continuation bytes) between the line start and the offset.
        int column = 1;
        for (int i = lineStart; i < offset; i++)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }
}
