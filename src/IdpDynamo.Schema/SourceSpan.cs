namespace IdpDynamo.Schema;

/// <summary>A region of a text file. Lines and columns are 1-based, as MSBuild and compilers print them.</summary>
internal readonly record struct SourceSpan(int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The first character of a file; used when a problem concerns the whole file.</summary>
    public static SourceSpan FileStart => new(1, 1, 1, 1);

    public static SourceSpan At(int line, int column) => new(line, column, line, column);

    public override string ToString() => $"({Line},{Column})";
}
