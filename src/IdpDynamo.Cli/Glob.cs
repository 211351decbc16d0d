using System.IO;

namespace IdpDynamo.Cli;

/// <summary>
/// Expands <c>*</c>, <c>?</c> and <c>**</c> patterns (quoted by the user so the shell leaves them alone). Results keep the
/// form the pattern was written in (relative stays relative, '/' separators), sorted ordinally for stable output.
/// </summary>
internal static class Glob
{
    public static bool IsPattern(string path) => path.IndexOfAny(new[] { '*', '?' }) >= 0;

    public static List<string> Expand(string pattern, string currentDirectory)
    {
        string normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        int firstWild = Array.FindIndex(segments, IsPattern);
        string baseDisplay = string.Join("/", segments.Take(firstWild));
        string baseFull = Path.GetFullPath(Path.Combine(currentDirectory, baseDisplay.Length == 0 && normalized.StartsWith("/", StringComparison.Ordinal) ? "/" : baseDisplay.Length == 0 ? "." : baseDisplay));
        var results = new List<string>();
        if (Directory.Exists(baseFull))
        {
            Walk(baseFull, baseDisplay, segments, firstWild, results, 0);
        }

        results.Sort(StringComparer.Ordinal);
        return results.Distinct().ToList();
    }

    private static void Walk(string dirFull, string dirDisplay, string[] segments, int index, List<string> results, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        string segment = segments[index];
        bool last = index == segments.Length - 1;
        if (segment == "**")
        {
            // Zero directories...
            if (last)
            {
                AddFiles(dirFull, dirDisplay, "*", results);
            }
            else
            {
                Walk(dirFull, dirDisplay, segments, index + 1, results, depth + 1);
            }

            // ...or one more, then ** again.
            foreach (var sub in SafeDirectories(dirFull))
            {
                string name = Path.GetFileName(sub);
                if (name.StartsWith(".", StringComparison.Ordinal))
                {
                    continue;
                }

                Walk(sub, Join(dirDisplay, name), segments, index, results, depth + 1);
            }

            return;
        }

        if (last)
        {
            AddFiles(dirFull, dirDisplay, segment, results);
            return;
        }

        if (!IsPattern(segment))
        {
            string next = Path.Combine(dirFull, segment);
            if (Directory.Exists(next))
            {
                Walk(next, Join(dirDisplay, segment), segments, index + 1, results, depth + 1);
            }

            return;
        }

        foreach (var sub in SafeDirectories(dirFull))
        {
            string name = Path.GetFileName(sub);
            if (Matches(segment, name))
            {
                Walk(sub, Join(dirDisplay, name), segments, index + 1, results, depth + 1);
            }
        }
    }

    private static void AddFiles(string dirFull, string dirDisplay, string pattern, List<string> results)
    {
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(dirFull).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var file in files)
        {
            string name = Path.GetFileName(file);
            if (Matches(pattern, name))
            {
                results.Add(Join(dirDisplay, name));
            }
        }
    }

    private static IEnumerable<string> SafeDirectories(string dir)
    {
        try
        {
            return Directory.EnumerateDirectories(dir).OrderBy(d => d, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir.EndsWith("/", StringComparison.Ordinal) ? dir + name : dir + "/" + name;

    /// <summary>Matches one path segment against <c>*</c> and <c>?</c> wildcards (case-sensitive, as on Linux).</summary>
    public static bool Matches(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
