namespace IdpDynamo.Schema;

/// <summary>Collects the diagnostics of one file.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public DiagnosticBag(string file) => File = file;

    public string File { get; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors
    {
        get
        {
            foreach (var d in _items)
            {
                if (d.Severity == Severity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Reports <paramref name="id"/> with its catalog default severity.</summary>
    public void Report(string id, SourceSpan span, string message)
        => Report(id, DiagnosticIds.Get(id).DefaultSeverity, span, message);

    public void Report(string id, Severity severity, SourceSpan span, string message)
        => _items.Add(new Diagnostic(id, severity, message, File, span));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);
}
