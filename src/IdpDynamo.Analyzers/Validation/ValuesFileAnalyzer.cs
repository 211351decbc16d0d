using System.Collections.Immutable;
using IdpDynamo.Schema;
using Microsoft.CodeAnalysis.Text;

namespace IdpDynamo.Analyzers.Validation;

/// <summary>
/// Live validation: the values-file diagnostics (IDPDYN001–139) of the MSBuild task, reported by the compiler on the
/// IdpDynamoValues AdditionalFiles (and their application.yaml), so an editor that runs analyzers shows them in the
/// error list and on the YAML while it is edited. Same validator, same ids, messages, positions and severities as the
/// task. Registers nothing unless <c>IdpDynamoLiveValidation</c> is true (by default only in design-time builds,
/// where the task does not run), so a build reports each diagnostic once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValuesFileAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ValuesFileDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (!LiveValidationOptions.IsEnabled(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
            {
                return;
            }

            start.RegisterAdditionalFileAction(Analyze);
        });
    }

    private static void Analyze(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        try
        {
            var validation = ProjectValidation.Get(context.Options, context.CancellationToken);
            if (!validation.Texts.TryGetValue(file.Path, out var reporter) || !ReferenceEquals(reporter, file))
            {
                return;
            }

            var diagnostics = validation.In(file.Path);
            bool first = ReferenceEquals(file, validation.First);
            if (diagnostics.Count == 0 && !first)
            {
                return;
            }

            // A values file's text comes from its one read (ValuesText), so reporting reads nothing again.
            var text = validation.IsValuesFile(file) ? ValuesText.Get(file, context.CancellationToken).Source : file.GetText(context.CancellationToken);
            foreach (var d in diagnostics)
            {
                context.ReportDiagnostic(ToRoslyn(d, text));
            }

            if (first)
            {
                foreach (var d in validation.Elsewhere())
                {
                    context.ReportDiagnostic(ToRoslyn(d, null));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Microsoft.CodeAnalysis.Diagnostic.Create(
                ValuesFileDescriptors.Get(DiagnosticIds.InternalError),
                Location.Create(file.Path, default, default),
                Schema.Validation.ValuesValidator.InternalErrorMessage(ex)));
        }
    }

    /// <summary>The compiler's diagnostic for a validator finding: its id, message and severity, located in the YAML.</summary>
    internal static Microsoft.CodeAnalysis.Diagnostic ToRoslyn(Schema.Diagnostic diagnostic, SourceText? text)
        => Microsoft.CodeAnalysis.Diagnostic.Create(
            ValuesFileDescriptors.Get(diagnostic.Id),
            Locate(diagnostic.File, diagnostic.Span, text),
            ValuesFileDescriptors.ToRoslyn(diagnostic.Severity),
            additionalLocations: null,
            properties: null,
            diagnostic.Message);

    /// <summary>
    /// The validator's 1-based span as a location in <paramref name="path"/>: the line and column are the task's
    /// (the compiler prints them back 1-based); the text span, for squiggles, is clamped to the file.
    /// </summary>
    internal static Location Locate(string path, SourceSpan span, SourceText? text)
    {
        var start = new LinePosition(Math.Max(span.Line - 1, 0), Math.Max(span.Column - 1, 0));
        var end = new LinePosition(Math.Max(span.EndLine - 1, 0), Math.Max(span.EndColumn - 1, 0));
        if (end < start)
        {
            end = start;
        }

        TextSpan textSpan = default;
        if (text is not null && text.Lines.Count > 0)
        {
            int startOffset = Offset(text, start);
            textSpan = TextSpan.FromBounds(startOffset, Math.Max(startOffset, Offset(text, end)));
        }

        return Location.Create(path, textSpan, new LinePositionSpan(start, end));
    }

    private static int Offset(SourceText text, LinePosition position)
    {
        if (position.Line >= text.Lines.Count)
        {
            return text.Length;
        }

        var line = text.Lines[position.Line];
        return Math.Min(line.Start + position.Character, line.End);
    }
}
