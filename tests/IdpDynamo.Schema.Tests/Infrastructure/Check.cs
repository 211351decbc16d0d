using System.Collections.Generic;
using System.Linq;
using System.Text;
using IdpDynamo.Schema.Validation;

namespace IdpDynamo.Schema.Tests.Infrastructure;

/// <summary>Runs the validator on YAML text and asserts diagnostics by exact id and 1-based line/column.</summary>
internal static class Check
{
    public const string DisplayPath = "apps/webshop-test/orders/dynamodb/values.yaml";

    /// <summary>
    /// Validates <paramref name="yaml"/> as apps/&lt;ns&gt;/orders/dynamodb/values.yaml with the chart version given
    /// explicitly (so no IDPDYN014 for a missing application.yaml).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(string yaml, string? ns = "webshop-test", string? chartVersion = "2.1.11")
        => ValidateBytes(Encoding.UTF8.GetBytes(yaml), ns, chartVersion);

    public static IReadOnlyList<Diagnostic> ValidateBytes(byte[] bytes, string? ns = "webshop-test", string? chartVersion = "2.1.11")
        => ValuesValidator.Validate(bytes, new ValuesFileSettings(DisplayPath, ns, chartVersion)).Diagnostics;

    /// <summary>Asserts that <paramref name="id"/> is reported at (line, column), and returns that diagnostic.</summary>
    public static Diagnostic Has(IReadOnlyList<Diagnostic> diagnostics, string id, int line, int column)
    {
        var match = diagnostics.FirstOrDefault(d => d.Id == id && d.Span.Line == line && d.Span.Column == column);
        Assert.True(match is not null, $"Expected {id} at ({line},{column}); got:\n{Describe(diagnostics)}");
        return match!;
    }

    /// <summary>Asserts that <paramref name="id"/> is reported exactly once, at (line, column).</summary>
    public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string id, int line, int column)
    {
        var all = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(all.Count == 1, $"Expected exactly one {id}; got:\n{Describe(diagnostics)}");
        return Has(diagnostics, id, line, column);
    }

    public static void None(IReadOnlyList<Diagnostic> diagnostics, string id)
        => Assert.True(diagnostics.All(d => d.Id != id), $"Expected no {id}; got:\n{Describe(diagnostics)}");

    public static void NoErrors(IReadOnlyList<Diagnostic> diagnostics)
        => Assert.True(diagnostics.All(d => d.Severity != Severity.Error), $"Expected no errors; got:\n{Describe(diagnostics)}");

    /// <summary>The ids reported, in order (for exact-set assertions).</summary>
    public static string[] Ids(IReadOnlyList<Diagnostic> diagnostics) => diagnostics.Select(d => d.Id).ToArray();

    public static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            sb.AppendLine(d.ToCanonicalString());
        }

        return sb.Length == 0 ? "(no diagnostics)" : sb.ToString();
    }
}
