using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace IdpDynamo.Schema.IO;

/// <summary>The earlier version of a values file, read with git (<c>git show &lt;ref&gt;:&lt;path&gt;</c>).</summary>
internal sealed class GitBaseline
{
    private const int TimeoutMilliseconds = 15000;

    /// <summary>The file's text at the ref; null when the file is new in this change (no Δ diagnostics then).</summary>
    public string? Text { get; private set; }

    /// <summary>Why change detection was skipped (git missing, not a repository, unknown ref); null when it ran.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Reads <paramref name="fullPath"/> as it was at <paramref name="gitRef"/> in the repository that contains it.</summary>
    public static GitBaseline Read(string fullPath, string gitRef)
    {
        var result = new GitBaseline();
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        var top = Git(directory, "rev-parse", "--show-toplevel");
        if (top.Missing)
        {
            result.SkipReason = "git is not installed or not on PATH";
            return result;
        }

        if (top.TimedOut)
        {
            result.SkipReason = $"git did not answer within {TimeoutMilliseconds / 1000} seconds";
            return result;
        }

        if (top.ExitCode != 0)
        {
            // "not a git repository" is the common case; anything else (e.g. "detected dubious ownership") is quoted.
            result.SkipReason = top.Error.IndexOf("not a git repository", StringComparison.OrdinalIgnoreCase) >= 0 || top.Error.Length == 0
                ? $"'{directory}' is not inside a git repository"
                : $"git cannot read the repository of '{directory}': {FirstLine(top.Error)}";
            return result;
        }

        // A ref that starts with '-' would be read by git as an option: it is no ref of this repository.
        var verify = gitRef.StartsWith("-", StringComparison.Ordinal)
            ? new GitResult(1, string.Empty, string.Empty, false, false)
            : Git(directory, "rev-parse", "--verify", "--quiet", gitRef + "^{commit}");
        if (verify.ExitCode != 0)
        {
            bool shallow = Git(directory, "rev-parse", "--is-shallow-repository").Output.Trim() == "true";
            result.SkipReason = shallow
                ? $"the ref '{gitRef}' is not in this shallow clone (fetch it, e.g. 'git fetch --depth=50 origin main', or clone with fetch-depth: 0)"
                : $"the ref '{gitRef}' does not exist in the repository";
            return result;
        }

        // '<ref>:./<file>' is resolved by git relative to the working directory, so no path arithmetic is needed: a
        // repository reached through a symbolic link (/tmp -> /private/tmp) or with other letter case still finds the
        // file, and a file git cannot place is "not in the ref" (new), never another file of the same name.
        var show = Git(directory, "show", gitRef + ":./" + Path.GetFileName(fullPath));
        result.Text = show.ExitCode == 0 ? show.Output : null;
        return result;
    }

    private static string FirstLine(string text)
    {
        string trimmed = text.Trim();
        int newline = trimmed.IndexOfAny(new[] { '\r', '\n' });
        return newline < 0 ? trimmed : trimmed.Substring(0, newline);
    }

    private readonly record struct GitResult(int ExitCode, string Output, string Error, bool Missing, bool TimedOut);

    private static GitResult Git(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.Arguments = string.Join(" ", Array.ConvertAll(arguments, Quote));
        info.EnvironmentVariables["GIT_TERMINAL_PROMPT"] = "0";
        info.EnvironmentVariables["LC_ALL"] = "C"; // git's messages in English (the skip reason quotes them)

        // Run from a git hook (pre-commit, pre-push), git exports GIT_DIR and GIT_INDEX_FILE, often relative to the
        // hook's directory; the repository is found from the values file instead.
        foreach (string name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX" })
        {
            info.EnvironmentVariables.Remove(name);
        }
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeoutMilliseconds))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                }

                return new GitResult(-1, string.Empty, string.Empty, false, true);
            }

            process.WaitForExit();
            return new GitResult(process.ExitCode, output.Result, error.Result, false, false);
        }
        catch (Win32Exception)
        {
            return new GitResult(-1, string.Empty, string.Empty, true, false);
        }
    }

    /// <summary>
    /// One argument for <see cref="ProcessStartInfo.Arguments"/> (netstandard2.0 has no ArgumentList), quoted by the
    /// rules .NET and the Windows C runtime split it with: backslashes are doubled only before a quote.
    /// </summary>
    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '"', '\t', '\n' }) < 0)
        {
            return argument;
        }

        var sb = new StringBuilder("\"");
        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            sb.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            sb.Append(c);
        }

        sb.Append('\\', backslashes * 2);
        return sb.Append('"').ToString();
    }
}
