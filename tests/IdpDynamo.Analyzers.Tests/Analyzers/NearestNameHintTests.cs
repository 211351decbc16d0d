using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>IDPDYN201 and IDPDYN202 name every declared name near the wrong one (up to three, nearest first).</summary>
public class NearestNameHintTests
{
    /// <summary>Tables Carts, Charts and Parts; Carts has the indexes ByOwner and ByOwners.</summary>
    private const string ShopYaml = """
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Carts
            hashKey: Id
            rangeKey: Owner
            attributes:
              - { name: Id, type: 'S' }
              - { name: Owner, type: 'S' }
            billingMode: PAY_PER_REQUEST
            globalSecondaryIndex:
              - { name: ByOwner, hashKey: Owner, rangeKey: Id, projectionType: ALL }
              - { name: ByOwners, hashKey: Owner, projectionType: KEYS_ONLY }
          - name: Charts
            hashKey: Id
            attributes:
              - { name: Id, type: 'S' }
            billingMode: PAY_PER_REQUEST
          - name: Parts
            hashKey: Id
            attributes:
              - { name: Id, type: 'S' }
            billingMode: PAY_PER_REQUEST
        """;

    [Fact]
    public async Task IDPDYN201_names_the_near_tables()
    {
        var run = await AnalyzerVerifier<UnknownTableAnalyzer>.VerifyAnalyzerAsync(Usings + "\n" + """
            class Repo
            {
                Task Get(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key) => client.GetItemAsync([|"webshop-test-Cart"|], key);
            }
            """, ShopYaml);

        Assert.Equal("Table 'webshop-test-Cart' is not declared in the values files of this project; did you mean 'Carts' or 'Charts'?", Assert.Single(run.Diagnostics).GetMessage());
    }

    [Fact]
    public async Task IDPDYN202_names_the_near_indexes()
    {
        var run = await AnalyzerVerifier<UnknownIndexAnalyzer>.VerifyAnalyzerAsync(Usings + "\n" + """
            class Repo
            {
                QueryRequest Query() => new QueryRequest { TableName = "webshop-test-Carts", IndexName = [|"ByOwnr"|] };
            }
            """, ShopYaml);

        Assert.Equal("Index 'ByOwnr' is not declared on table 'Carts'; did you mean 'ByOwner' or 'ByOwners'?", Assert.Single(run.Diagnostics).GetMessage());
    }
}
