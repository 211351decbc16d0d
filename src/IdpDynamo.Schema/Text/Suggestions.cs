namespace IdpDynamo.Schema.Text;

/// <summary>"Did you mean" for keys, enum values and names: case and separator slips first, then small edit distances.</summary>
internal static class Suggestions
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ON_DEMAND"] = "PAY_PER_REQUEST",
        ["ONDEMAND"] = "PAY_PER_REQUEST",
        ["ON-DEMAND"] = "PAY_PER_REQUEST",
        ["PAYPERREQUEST"] = "PAY_PER_REQUEST",
        ["PROVISIONED_THROUGHPUT"] = "PROVISIONED",
        ["Retain"] = "Orphan",
        ["Keep"] = "Orphan",
        ["INCLUDES"] = "INCLUDE",
        ["KEYS"] = "KEYS_ONLY",
        ["KEY_ONLY"] = "KEYS_ONLY",
        ["String"] = "S",
        ["Str"] = "S",
        ["Number"] = "N",
        ["Integer"] = "N",
        ["Int"] = "N",
        ["Numeric"] = "N",
        ["Binary"] = "B",
        ["Bytes"] = "B",
    };

    /// <summary>The closest candidate, or null when nothing is close enough to be a likely slip.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        if (Synonyms.TryGetValue(value, out var synonym))
        {
            foreach (var c in candidates)
            {
                if (c == synonym)
                {
                    return c;
                }
            }
        }

        string normalized = Normalize(value);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate == value)
            {
                continue;
            }

            string nc = Normalize(candidate);
            if (nc == normalized)
            {
                return candidate;
            }

            int limit = Math.Min(2, Math.Max(1, nc.Length / 3));
            int d = Distance(normalized, nc, limit);
            if (d <= limit && d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>
    /// The declared names nearest to <paramref name="value"/>, nearest first (then in ordinal order), at most
    /// <paramref name="max"/>. A candidate is near when it differs only by case and '_', '-' or ' ' (distance 0), or when
    /// the edit distance of those normalized forms is at most 1, or 2 for names of 6 or more normalized characters (a
    /// third of the name, so short names do not match everything). A synonym (ON_DEMAND for PAY_PER_REQUEST) or a
    /// case/separator slip, when there is one, is the only kind listed.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string value, IEnumerable<string> candidates, int max = 3)
    {
        var found = new List<(string Name, int Distance)>();
        Synonyms.TryGetValue(value, out var synonym);
        string normalized = Normalize(value);
        foreach (var candidate in candidates)
        {
            if (candidate == value || found.Exists(f => f.Name == candidate))
            {
                continue;
            }

            if (candidate == synonym)
            {
                found.Add((candidate, -1));
                continue;
            }

            string nc = Normalize(candidate);
            int limit = Math.Min(2, Math.Max(1, nc.Length / 3));
            int d = nc == normalized ? 0 : Distance(normalized, nc, limit);
            if (d <= limit)
            {
                found.Add((candidate, d));
            }
        }

        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.Name, b.Name));
        // A synonym or a case/separator slip is the name meant: then only those.
        int worst = found.Count > 0 && found[0].Distance <= 0 ? 0 : int.MaxValue;
        var result = new List<string>();
        for (int i = 0; i < found.Count && result.Count < max && found[i].Distance <= worst; i++)
        {
            result.Add(found[i].Name);
        }

        return result;
    }

    /// <summary><c>; did you mean 'A'?</c>, <c>; did you mean 'A' or 'B'?</c>, <c>'A', 'B' or 'C'</c> (<see cref="Nearest"/>), or an empty string.</summary>
    public static string DidYouMeanAny(string value, IEnumerable<string> candidates)
    {
        var nearest = Nearest(value, candidates);
        if (nearest.Count == 0)
        {
            return string.Empty;
        }

        var quoted = new List<string>();
        foreach (var n in nearest)
        {
            quoted.Add("'" + n + "'");
        }

        string list = quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.GetRange(0, quoted.Count - 1)) + " or " + quoted[quoted.Count - 1];
        return $"; did you mean {list}?";
    }

    /// <summary>Formats <c>; did you mean 'x'?</c> or an empty string.</summary>
    public static string DidYouMean(string value, IEnumerable<string> candidates)
        => Closest(value, candidates) is { } s ? $"; did you mean '{s}'?" : string.Empty;

    private static string Normalize(string s)
    {
        var chars = new char[s.Length];
        int n = 0;
        foreach (char c in s)
        {
            if (c != '_' && c != '-' && c != ' ')
            {
                chars[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(chars, 0, n);
    }

    /// <summary>Levenshtein distance with an early exit above <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
