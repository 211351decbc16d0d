using System;
using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.CodeFixes.Tests.Infrastructure;

namespace IdpDynamo.CodeFixes.Tests;

/// <summary>
/// The IDPDYN210 fix (table names here are the full names of this single-environment build, whose twin is
/// DeclaredTableName; a logical name in a low-level request is not suggested, see the analyzer): the literal becomes the generated constant the diagnostic names, shortened by the simplifier
/// as far as the file's usings and namespace allow, with its trivia kept; the result compiles and has the same value.
/// Fix All replaces every occurrence in the document in one step.
/// </summary>
public class UseGeneratedAccessorCodeFixTests
{
    private const string Yaml = """
        managementPolicies: Control
        tables:
          - name: CustomerOrders
            hashKey: CustomerId
            rangeKey: OrderDate
            attributes:
              - name: CustomerId
                type: 'S'
              - name: OrderDate
                type: 'S'
              - name: Status
                type: 'S'
            billingMode: PAY_PER_REQUEST
            globalSecondaryIndex:
              - name: StatusIndex
                hashKey: Status
                projectionType: ALL
          - name: Products
            hashKey: Sku
            attributes:
              - name: Sku
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    private static readonly CodeFixVerifier Verifier = new(Yaml);

    [Fact]
    public async Task Inside_the_generated_namespace_the_class_name_is_enough()
    {
        string fixedText = await Verifier.FixOneByOneAsync("""
            using Amazon.DynamoDBv2.Model;

            namespace Webshop.Orders.Data;

            public static class Requests
            {
                public static QueryRequest ByStatus() => new QueryRequest
                {
                    TableName = [|"webshop-test-CustomerOrders"|],
                    IndexName = [|"StatusIndex"|],
                };
            }
            """);
        Assert.Equal("""
            using Amazon.DynamoDBv2.Model;

            namespace Webshop.Orders.Data;

            public static class Requests
            {
                public static QueryRequest ByStatus() => new QueryRequest
                {
                    TableName = DynamoTables.CustomerOrders.DeclaredTableName,
                    IndexName = DynamoTables.CustomerOrders.Indexes.StatusIndex,
                };
            }
            """, fixedText);
    }

    [Fact]
    public async Task A_using_directive_is_used()
    {
        string fixedText = await Verifier.FixOneByOneAsync("""
            using System.Collections.Generic;
            using Amazon.DynamoDBv2.Model;
            using Webshop.Orders;

            public static class Requests
            {
                public static GetItemRequest Get(string c, string d) => new GetItemRequest
                {
                    TableName = [|"webshop-test-CustomerOrders"|],
                    Key = new Dictionary<string, AttributeValue>
                    {
                        [[|"CustomerId"|]] = new AttributeValue { S = c },
                        [[|"OrderDate"|]] = new AttributeValue { S = d },
                    },
                };
            }
            """);
        Assert.Equal("""
            using System.Collections.Generic;
            using Amazon.DynamoDBv2.Model;
            using Webshop.Orders;

            public static class Requests
            {
                public static GetItemRequest Get(string c, string d) => new GetItemRequest
                {
                    TableName = DynamoTables.CustomerOrders.DeclaredTableName,
                    Key = new Dictionary<string, AttributeValue>
                    {
                        [DynamoTables.CustomerOrders.HashKey] = new AttributeValue { S = c },
                        [DynamoTables.CustomerOrders.RangeKey] = new AttributeValue { S = d },
                    },
                };
            }
            """, fixedText);
    }

    [Fact]
    public async Task Elsewhere_the_namespace_stays_but_global_goes()
    {
        string fixedText = await Verifier.FixOneByOneAsync("""
            using Amazon.DynamoDBv2.Model;

            namespace Billing;

            public static class Requests
            {
                public static ScanRequest All() => new ScanRequest([|"webshop-test-Products"|]);
            }
            """);
        Assert.Contains("new ScanRequest(Webshop.Orders.DynamoTables.Products.DeclaredTableName)", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alias_to_the_table_class_is_preferred_by_the_simplifier()
    {
        string fixedText = await Verifier.FixOneByOneAsync("""
            using Amazon.DynamoDBv2.Model;
            using OrdersTable = Webshop.Orders.DynamoTables.CustomerOrders;

            public static class Requests
            {
                public static QueryRequest Query() => new QueryRequest { TableName = [|"webshop-test-CustomerOrders"|], IndexName = OrdersTable.Indexes.StatusIndex };
            }
            """);
        Assert.Contains("TableName = OrdersTable.DeclaredTableName,", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attribute_arguments_take_the_constant()
    {
        string fixedText = await Verifier.FixOneByOneAsync("""
            using Amazon.DynamoDBv2.DataModel;

            namespace Webshop.Orders.Model;

            [DynamoDBTable([|"Products"|])]
            public class Product
            {
                [DynamoDBHashKey] public string Sku { get; set; } = "";
            }
            """);
        Assert.Contains("[DynamoDBTable(DynamoTables.Products.Name)]", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_around_the_literal_are_kept()
    {
        string fixedText = await Verifier.FixOneByOneAsync("""
            using Amazon.DynamoDBv2.Model;
            using Webshop.Orders;

            public static class Requests
            {
                public static ScanRequest All() => new ScanRequest
                {
                    TableName = /* the catalog */ [|"webshop-test-Products"|] /* read-only */,
                };
            }
            """);
        Assert.Contains("TableName = /* the catalog */ DynamoTables.Products.DeclaredTableName /* read-only */,", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_of_the_same_name_in_scope_keeps_the_qualification()
    {
        // The user's own DynamoTables would capture the short name: the fix must still bind to the generated one.
        string fixedText = await Verifier.FixOneByOneAsync("""
            using Amazon.DynamoDBv2.Model;

            namespace Billing
            {
                public static class DynamoTables { public static class Products { public const string Name = "Invoices"; } }

                public static class Requests
                {
                    public static ScanRequest All() => new ScanRequest([|"webshop-test-Products"|]);
                }
            }
            """);
        Assert.Contains("new ScanRequest(Webshop.Orders.DynamoTables.Products.DeclaredTableName)", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_title_names_the_accessor()
    {
        var actions = await Verifier.ActionsForFirstAsync("""
            using Amazon.DynamoDBv2.Model;

            public static class Requests
            {
                public static QueryRequest Query() => new QueryRequest { TableName = "webshop-test-CustomerOrders", IndexName = "StatusIndex" };
            }
            """);
        var action = Assert.Single(actions);
        Assert.Equal("Use DynamoTables.CustomerOrders.DeclaredTableName", action.Title);
        Assert.Equal("IDPDYN210", action.EquivalenceKey);
    }

    [Fact]
    public async Task Fix_all_replaces_every_occurrence_in_the_document()
    {
        const string markup = """
            using System.Collections.Generic;
            using Amazon.DynamoDBv2.Model;

            namespace Webshop.Orders.Data;

            public static class Requests
            {
                public static QueryRequest ByStatus() => new QueryRequest { TableName = [|"webshop-test-CustomerOrders"|], IndexName = [|"StatusIndex"|] };

                public static GetItemRequest Get(string c, string d) => new GetItemRequest
                {
                    TableName = [|"webshop-test-CustomerOrders"|],
                    Key = new Dictionary<string, AttributeValue> { [[|"CustomerId"|]] = new AttributeValue { S = c }, [[|"OrderDate"|]] = new AttributeValue { S = d } },
                };

                public static ScanRequest Products() => new ScanRequest([|"webshop-test-Products"|]);
            }
            """;
        string fixedAll = await Verifier.FixAllAsync(markup);
        Assert.Equal("""
            using System.Collections.Generic;
            using Amazon.DynamoDBv2.Model;

            namespace Webshop.Orders.Data;

            public static class Requests
            {
                public static QueryRequest ByStatus() => new QueryRequest { TableName = DynamoTables.CustomerOrders.DeclaredTableName, IndexName = DynamoTables.CustomerOrders.Indexes.StatusIndex };

                public static GetItemRequest Get(string c, string d) => new GetItemRequest
                {
                    TableName = DynamoTables.CustomerOrders.DeclaredTableName,
                    Key = new Dictionary<string, AttributeValue> { [DynamoTables.CustomerOrders.HashKey] = new AttributeValue { S = c }, [DynamoTables.CustomerOrders.RangeKey] = new AttributeValue { S = d } },
                };

                public static ScanRequest Products() => new ScanRequest(DynamoTables.Products.DeclaredTableName);
            }
            """, fixedAll);

        // One by one gives the same text.
        Assert.Equal(fixedAll, await Verifier.FixOneByOneAsync(markup));
    }
}
