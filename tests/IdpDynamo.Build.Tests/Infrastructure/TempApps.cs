using System;
using System.IO;
using System.Text;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// A throw-away apps repository: <c>&lt;root&gt;/apps/&lt;namespace&gt;/orders/dynamodb/values.yaml</c>, optionally with the
/// application.yaml that pins the chart. Deleted on dispose.
/// </summary>
internal sealed class TempApps : IDisposable
{
    public TempApps()
    {
        Root = Path.Combine(Path.GetTempPath(), "idpdyn-task-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes <c>apps/{ns}/orders/dynamodb/values.yaml</c>; returns its full path.</summary>
    public string Write(string ns, string yaml, string? chartVersion = "2.1.11")
    {
        string dir = Path.Combine(Root, "apps", ns, "orders", "dynamodb");
        Directory.CreateDirectory(dir);
        if (chartVersion is not null)
        {
            File.WriteAllText(Path.Combine(dir, "application.yaml"), $"helm:\n  chart: helm/idp-dynamodb\n  chartVersion: \"{chartVersion}\"\n", new UTF8Encoding(false));
        }

        string path = Path.Combine(dir, "values.yaml");
        File.WriteAllText(path, yaml, new UTF8Encoding(false));
        return path;
    }

    /// <summary>The full path of a values file that is never written.</summary>
    public string Missing(string ns) => Path.Combine(Root, "apps", ns, "orders", "dynamodb", "values.yaml");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail a test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
