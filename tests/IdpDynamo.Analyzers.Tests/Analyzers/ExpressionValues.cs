using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The values file of the request-expression tests (IDPDYN209/211/212), shaped like the dynalite table the rules'
/// messages were verified on: <c>Items</c> with partition key Pk and sort key Sk; GSIs GKeys (G, Gs; KEYS_ONLY),
/// GInc (G; INCLUDE A) and GAll (G; ALL); LSIs LKeys (L; KEYS_ONLY) and LInc (L2; INCLUDE A). <c>Plain</c> has only
/// the partition key Id.
/// </summary>
internal static class ExpressionValues
{
    public const string Yaml = """
        managementPolicies: Control
        tables:
          - name: Items
            hashKey: Pk
            rangeKey: Sk
            attributes:
              - name: Pk
                type: 'S'
              - name: Sk
                type: 'S'
              - name: G
                type: 'S'
              - name: Gs
                type: 'S'
              - name: L
                type: 'S'
              - name: L2
                type: 'S'
            billingMode: PAY_PER_REQUEST
            globalSecondaryIndex:
              - name: GKeys
                hashKey: G
                rangeKey: Gs
                projectionType: KEYS_ONLY
              - name: GInc
                hashKey: G
                projectionType: INCLUDE
                nonKeyAttributes: ["A"]
              - name: GAll
                hashKey: G
                projectionType: ALL
            localSecondaryIndex:
              - name: LKeys
                rangeKey: L
                projectionType: KEYS_ONLY
                nonKeyAttributes: []
              - name: LInc
                rangeKey: L2
                projectionType: INCLUDE
                nonKeyAttributes: ["A"]
          - name: Plain
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    /// <summary>The rule on <paramref name="body"/> (after the usual usings) with this values file; markup names every expected id.</summary>
    public static Task<AnalyzerTestRun> Verify(string body)
        => AnalyzerVerifier<RequestExpressionAnalyzer>.VerifyAnalyzerAsync(AnalyzerValues.Usings + "\n" + body, Yaml);
}
