namespace IdpDynamo.Schema.Yaml;

/// <summary>IDPDYN001 for a character YAML does not allow, at its position, before any parsing.</summary>
internal static class YamlCharacterCheck
{
    // YAML allows TAB, LF, CR, printable characters, NEL and the non-surrogate ranges; go-yaml rejects the rest.
    public static bool Check(string text, DiagnosticBag bag)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
                continue;
            }

            bool ok = c == '\t' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xFFFD && c != 0xFEFF);
            if (c == 0xFEFF && i == 0)
            {
                ok = true;
            }

            if (ok && char.IsHighSurrogate(c))
            {
                ok = i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (ok)
                {
                    i++;
                    continue;
                }
            }
            else if (ok && char.IsLowSurrogate(c))
            {
                ok = false;
            }

            if (c == 0xFEFF && i > 0)
            {
                // A zero-width no-break space inside the text is legal YAML content; IDPDYN018 reports it in names.
                ok = true;
            }

            if (!ok)
            {
                bag.Report(DiagnosticIds.InvalidYaml, SourceSpan.At(line, i - lineStart + 1),
                    $"Invalid YAML: control character U+{(int)c:X4} is not allowed in a YAML file");
                return false;
            }
        }

        return true;
    }
}
