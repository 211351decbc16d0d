using System;
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

        if (top.ExitCode != 0)
        {
            result.SkipReason = $"'{directory}' is not inside a git repository";
            return result;
        }

        string root = top.Output.Trim();
        var verify = Git(root, "rev-parse", "--verify", "--quiet", gitRef + "^{commit}");
        if (verify.ExitCode != 0)
        {
            bool shallow = Git(root, "rev-parse", "--is-shallow-repository").Output.Trim() == "true";
            result.SkipReason = shallow
                ? $"the ref '{gitRef}' is not in this shallow clone (fetch it, e.g. 'git fetch --depth=50 origin main', or clone with fetch-depth: 0)"
                : $"the ref '{gitRef}' does not exist in the repository";
            return result;
        }

        string relative = RelativePath(root, fullPath);
        var show = Git(root, "show", gitRef + ":" + relative);
        result.Text = show.ExitCode == 0 ? show.Output : null;
        return result;
    }

    private static string RelativePath(string root, string fullPath)
    {
        string r = Path.GetFullPath(root).Replace('\\', '/').TrimEnd('/') + "/";
        string f = Path.GetFullPath(fullPath).Replace('\\', '/');
        return f.StartsWith(r, StringComparison.Ordinal) ? f.Substring(r.Length) : Path.GetFileName(f);
    }

    private readonly record struct GitResult(int ExitCode, string Output, bool Missing);

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

                return new GitResult(-1, string.Empty, false);
            }

            process.WaitForExit();
            _ = error.Result;
            return new GitResult(process.ExitCode, output.Result, false);
        }
        catch (Win32Exception)
        {
            return new GitResult(-1, string.Empty, true);
        }
    }

    private static string Quote(string argument)
        => argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '"', '\t' }) < 0 ? argument : "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
