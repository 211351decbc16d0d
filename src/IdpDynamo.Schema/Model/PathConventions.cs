namespace IdpDynamo.Schema.Model;

/// <summary>Conventions of the apps repository layout (apps/&lt;namespace&gt;/&lt;service&gt;/dynamodb/values.yaml).</summary>
internal static class PathConventions
{
    /// <summary>The namespace is the path segment after the last <c>apps/</c> directory; null when there is none.</summary>
    public static string? NamespaceFromPath(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        for (int i = segments.Length - 3; i >= 0; i--)
        {
            if (segments[i] == "apps" && segments[i + 1].Length > 0 && segments[i + 1] != "." && segments[i + 1] != "..")
            {
                return segments[i + 1];
            }
        }

        return null;
    }

    /// <summary>
    /// The service a values file belongs to: the directory after <c>apps/&lt;namespace&gt;/</c> in
    /// <c>apps/&lt;namespace&gt;/&lt;service&gt;/dynamodb/values.yaml</c> and in the older
    /// <c>apps/&lt;namespace&gt;/&lt;release&gt;/values.yaml</c>, with the path up to <c>apps</c> (one apps repository);
    /// null for any other path. The files of one service in several namespaces are its environments.
    /// </summary>
    public static string? ServiceKey(string path)
    {
        var segments = path.Replace('\\', '/').Split('/');
        int n = segments.Length;
        if (n >= 4 && segments[n - 1] == "values.yaml")
        {
            int apps = segments[n - 2] == "dynamodb" && n >= 5 && segments[n - 5] == "apps" ? n - 5
                : segments[n - 4] == "apps" ? n - 4
                : -1;
            if (apps >= 0 && segments[apps + 1].Length > 0 && segments[apps + 2].Length > 0)
            {
                return string.Join("/", segments, 0, apps + 1) + "/*/" + segments[apps + 2];
            }
        }

        return null;
    }

    /// <summary>A short, machine-independent form of a values file path for docs: from the last 'apps/' on, else the file name.</summary>
    public static string ShortPath(string path)
    {
        string p = path.Replace('\\', '/');
        int i = p.LastIndexOf("/apps/", System.StringComparison.Ordinal);
        if (i >= 0)
        {
            return p.Substring(i + 1);
        }

        if (p.StartsWith("apps/", System.StringComparison.Ordinal))
        {
            return p;
        }

        int slash = p.LastIndexOf('/');
        return slash >= 0 ? p.Substring(slash + 1) : p;
    }
}
