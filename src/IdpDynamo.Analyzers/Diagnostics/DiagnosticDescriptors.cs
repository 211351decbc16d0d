using IdpDynamo.Schema;
using Microsoft.CodeAnalysis;

namespace IdpDynamo.Analyzers.Diagnostics;

/// <summary>Every diagnostic the Roslyn component can report. Ids and help links come from <see cref="DiagnosticIds"/>.</summary>
internal static class DiagnosticDescriptors
{
    /// <summary>IDPDYN999: "Internal error in IdpDynamo.Build; this is a bug, please report it: {0}".</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        id: DiagnosticIds.InternalError,
        title: "Internal error in IdpDynamo.Build",
        messageFormat: "Internal error in IdpDynamo.Build; this is a bug, please report it: {0}",
        category: DiagnosticIds.CategoryConfiguration,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An exception inside the generator or an analyzer was caught instead of crashing the compiler.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.InternalError));
}
