using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.EntityKeyMappingAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN204 points into the values file where the key the class disagrees with is written: the <c>hashKey:</c> or
/// <c>rangeKey:</c> value (and its line in the message), the <c>type:</c> of the key's attribute for a type mismatch, and
/// the table's <c>- name:</c> when the table has no such key. Lines and columns are 1-based, as the compiler prints them.
/// </summary>
public class EntityKeyValuesLocationTests
{
    private static async Task<(string Message, FileLinePositionSpan Yaml)> Single(string body)
    {
        var run = await VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml);
        var diagnostic = run.Diagnostics.Single();
        return (diagnostic.GetMessage(), diagnostic.AdditionalLocations.Single().GetLineSpan());
    }

    private static string At(FileLinePositionSpan span)
        => $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})";

    [Fact]
    public async Task A_wrong_hash_key_points_at_the_hashKey_value()
    {
        var (message, yaml) = await Single("""
            [DynamoDBTable("CustomerOrders")]
            public class Order
            {
                [[|DynamoDBHashKey|]] public string CustomerID { get; set; } = "";
                [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
            }
            """);
        Assert.EndsWith("has hash key 'CustomerId' (apps/webshop-test/orders/dynamodb/values.yaml:7); names are case-sensitive", message, System.StringComparison.Ordinal);
        Assert.Equal(DynamoProject.ValuesPath + "(7,14)-(7,24)", At(yaml));
    }

    [Fact]
    public async Task A_wrong_range_key_points_at_the_rangeKey_value()
    {
        var (message, yaml) = await Single("""
            [DynamoDBTable("CustomerOrders")]
            public class Order
            {
                [DynamoDBHashKey] public string CustomerId { get; set; } = "";
                [[|DynamoDBRangeKey("Date")|]] public string OrderDate { get; set; } = "";
            }
            """);
        Assert.EndsWith("has range key 'OrderDate' (apps/webshop-test/orders/dynamodb/values.yaml:8); names are case-sensitive", message, System.StringComparison.Ordinal);
        Assert.Equal(DynamoProject.ValuesPath + "(8,15)-(8,24)", At(yaml));
    }

    [Fact]
    public async Task A_key_of_the_wrong_type_points_at_the_attribute_type()
    {
        var (_, yaml) = await Single("""
            [DynamoDBTable("CustomerOrders")]
            public class Order
            {
                [[|DynamoDBHashKey|]] public int CustomerId { get; set; }
                [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
            }
            """);
        Assert.Equal(DynamoProject.ValuesPath + "(11,15)-(11,18)", At(yaml));
    }

    [Fact]
    public async Task A_key_the_table_lacks_points_at_the_table_name()
    {
        var (message, yaml) = await Single("""
            [DynamoDBTable("Orders")]
            public class Order
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
                [[|DynamoDBRangeKey|]] public string Created { get; set; } = "";
            }
            """);
        Assert.EndsWith("has no range key in the values file (apps/webshop-test/orders/dynamodb/values.yaml:32)", message, System.StringComparison.Ordinal);
        Assert.Equal(DynamoProject.ValuesPath + "(32,11)-(32,17)", At(yaml));
    }
}
