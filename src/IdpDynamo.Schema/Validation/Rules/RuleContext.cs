using System.Text;
using IdpDynamo.Schema.Model;

namespace IdpDynamo.Schema.Validation.Rules;

/// <summary>What the semantic rules of one file see: the model, the namespace (if known) and where to report.</summary>
internal sealed class RuleContext
{
    /// <summary>Longest Kubernetes namespace (DNS label); assumed when the namespace is unknown.</summary>
    public const int WorstCaseNamespaceLength = 63;

    public RuleContext(ValuesFile file, DiagnosticBag bag, IReadOnlyCollection<string>? knownNamespaces = null, IReadOnlyList<RepositoryRole>? repositoryRoles = null)
    {
        File = file;
        Bag = bag;
        KnownNamespaces = knownNamespaces ?? new string[0];
        RepositoryRoles = repositoryRoles;
    }

    /// <summary>Roles created by idp-advanced applications of the apps repository; null when the layout is unknown.</summary>
    public IReadOnlyList<RepositoryRole>? RepositoryRoles { get; }

    public ValuesFile File { get; }

    public DiagnosticBag Bag { get; }

    public string? Namespace => File.Namespace;

    /// <summary>Other namespaces of the apps repository (<c>apps/&lt;ns&gt;/</c>), for role hints.</summary>
    public IReadOnlyCollection<string> KnownNamespaces { get; }

    public void Report(string id, SourceSpan span, string message) => Bag.Report(id, span, message);

    public void Report(string id, Severity severity, SourceSpan span, string message) => Bag.Report(id, severity, span, message);

    /// <summary>The rendered AWS name, or a placeholder form when the namespace is unknown.</summary>
    public string RenderedName(TableSpec table) => table.RenderedName(Namespace ?? "<namespace>");

    public static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary>Column of character <paramref name="index"/> of a single-line scalar value (skips an opening quote).</summary>
    public static SourceSpan CharacterSpan(Field<string> field, int index)
    {
        var span = field.Span;
        if (span.Line != span.EndLine)
        {
            return span;
        }

        int written = span.EndColumn - span.Column;
        int quote = written >= field.Value.Length + 2 ? 1 : 0;
        int column = span.Column + quote + index;
        return new SourceSpan(span.Line, column, span.Line, column + 1);
    }

    public static string Short(string value, int max = 24) => value.Length <= max ? value : value.Substring(0, max) + "…";
}
