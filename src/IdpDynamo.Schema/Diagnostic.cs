namespace IdpDynamo.Schema;

/// <summary>Default severity of a diagnostic, mapped to MSBuild error / warning / message.</summary>
internal enum Severity
{
    Error,
    Warning,
    Info,
}

/// <summary>One finding in one file: the unit every host (task, CLI, generator, analyzer) consumes.</summary>
/// <param name="Id">Stable id, e.g. <c>IDPDYN022</c>.</param>
/// <param name="Severity">Default severity of this particular finding (some rules split by case).</param>
/// <param name="Message">The message, without id or position.</param>
/// <param name="File">The path as the user gave it.</param>
/// <param name="Span">1-based position in <paramref name="File"/>.</param>
internal sealed record Diagnostic(string Id, Severity Severity, string Message, string File, SourceSpan Span)
{
    public static string SeverityText(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The canonical MSBuild/compiler line: <c>path(line,col): error IDPDYN022: message</c>.</summary>
    public string ToCanonicalString() => $"{File}({Span.Line},{Span.Column}): {SeverityText(Severity)} {Id}: {Message}";

    public override string ToString() => ToCanonicalString();
}
