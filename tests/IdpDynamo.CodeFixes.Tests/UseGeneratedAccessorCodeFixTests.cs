using System.Collections.Generic;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using IdpDynamo.CodeFixes.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = IdpDynamo.CodeFixes.Tests.Infrastructure.CodeFixVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UseGeneratedAccessorAnalyzer, IdpDynamo.CodeFixes.UseGeneratedAccessorCodeFix>;

namespace IdpDynamo.CodeFixes.Tests;

/// <summary>
/// The IDPDYN210 fix (table names here are the full names of this single-environment build, whose twin is
/// DeclaredTableName; a logical name in a low-level request is not suggested, see the analyzer): the literal becomes the generated constant the diagnostic names, shortened by the simplifier
/// as far as the file's usings and namespace allow, with its trivia kept; the result compiles and has the same value.
/// Fix All (document, project, solution) gives the same text as fixing one diagnostic at a time.
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

    [Fact]
    public async Task Inside_the_generated_namespace_the_class_name_is_enough()
    {
        await VerifyCS.VerifyCodeFixAsync("""
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
            """, """
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
            """, Yaml);
    }

    [Fact]
    public async Task A_using_directive_is_used()
    {
        await VerifyCS.VerifyCodeFixAsync("""
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
            """, """
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
            """, Yaml);
    }

    [Fact]
    public async Task Elsewhere_the_namespace_stays_but_global_goes()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Amazon.DynamoDBv2.Model;

            namespace Billing;

            public static class Requests
            {
                public static ScanRequest All() => new ScanRequest([|"webshop-test-Products"|]);
            }
            """, """
            using Amazon.DynamoDBv2.Model;

            namespace Billing;

            public static class Requests
            {
                public static ScanRequest All() => new ScanRequest(Webshop.Orders.DynamoTables.Products.DeclaredTableName);
            }
            """, Yaml);
    }

    [Fact]
    public async Task An_alias_to_the_table_class_is_preferred_by_the_simplifier()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Amazon.DynamoDBv2.Model;
            using OrdersTable = Webshop.Orders.DynamoTables.CustomerOrders;

            public static class Requests
            {
                public static QueryRequest Query() => new QueryRequest { TableName = [|"webshop-test-CustomerOrders"|], IndexName = OrdersTable.Indexes.StatusIndex };
            }
            """, """
            using Amazon.DynamoDBv2.Model;
            using OrdersTable = Webshop.Orders.DynamoTables.CustomerOrders;

            public static class Requests
            {
                public static QueryRequest Query() => new QueryRequest { TableName = OrdersTable.DeclaredTableName, IndexName = OrdersTable.Indexes.StatusIndex };
            }
            """, Yaml);
    }

    [Fact]
    public async Task Attribute_arguments_take_the_constant()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Amazon.DynamoDBv2.DataModel;

            namespace Webshop.Orders.Model;

            [DynamoDBTable([|"Products"|])]
            public class Product
            {
                [DynamoDBHashKey] public string Sku { get; set; } = "";
            }
            """, """
            using Amazon.DynamoDBv2.DataModel;

            namespace Webshop.Orders.Model;

            [DynamoDBTable(DynamoTables.Products.Name)]
            public class Product
            {
                [DynamoDBHashKey] public string Sku { get; set; } = "";
            }
            """, Yaml);
    }

    [Fact]
    public async Task Comments_around_the_literal_are_kept()
    {
        await VerifyCS.VerifyCodeFixAsync("""
            using Amazon.DynamoDBv2.Model;
            using Webshop.Orders;

            public static class Requests
            {
                public static ScanRequest All() => new ScanRequest
                {
                    TableName = /* the catalog */ [|"webshop-test-Products"|] /* read-only */,
                };
            }
            """, """
            using Amazon.DynamoDBv2.Model;
            using Webshop.Orders;

            public static class Requests
            {
                public static ScanRequest All() => new ScanRequest
                {
                    TableName = /* the catalog */ DynamoTables.Products.DeclaredTableName /* read-only */,
                };
            }
            """, Yaml);
    }

    [Fact]
    public async Task A_type_of_the_same_name_in_scope_keeps_the_qualification()
    {
        // The user's own DynamoTables would capture the short name: the fix must still bind to the generated one.
        await VerifyCS.VerifyCodeFixAsync("""
            using Amazon.DynamoDBv2.Model;

            namespace Billing
            {
                public static class DynamoTables { public static class Products { public const string Name = "Invoices"; } }

                public static class Requests
                {
                    public static ScanRequest All() => new ScanRequest([|"webshop-test-Products"|]);
                }
            }
            """, """
            using Amazon.DynamoDBv2.Model;

            namespace Billing
            {
                public static class DynamoTables { public static class Products { public const string Name = "Invoices"; } }

                public static class Requests
                {
                    public static ScanRequest All() => new ScanRequest(Webshop.Orders.DynamoTables.Products.DeclaredTableName);
                }
            }
            """, Yaml);
    }

    [Fact]
    public async Task The_title_names_the_accessor()
    {
        var titles = new List<(string Title, string? Key)>();
        var test = new DynamoCodeFixTest<UseGeneratedAccessorAnalyzer, UseGeneratedAccessorCodeFix>
        {
            TestCode = """
                using Amazon.DynamoDBv2.Model;

                public static class Requests
                {
                    public static QueryRequest Query() => new QueryRequest { TableName = {|#0:"webshop-test-CustomerOrders"|}, IndexName = {|#1:"StatusIndex"|} };
                }
                """,
            FixedCode = """
                using Amazon.DynamoDBv2.Model;

                public static class Requests
                {
                    public static QueryRequest Query() => new QueryRequest { TableName = Webshop.Orders.DynamoTables.CustomerOrders.DeclaredTableName, IndexName = Webshop.Orders.DynamoTables.CustomerOrders.Indexes.StatusIndex };
                }
                """,
            ExpectedDiagnostics = { VerifyCS.Diagnostic("IDPDYN210").WithLocation(0), VerifyCS.Diagnostic("IDPDYN210").WithLocation(1) },
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck,
            CodeActionVerifier = (action, verifier) => titles.Add((action.Title, action.EquivalenceKey)),
        };
        test.ValuesFiles.Add((DynamoProject.ValuesPath, Yaml));
        await test.RunAsync();

        // The first fix applied is the first diagnostic's: one action, titled with the accessor, keyed by the rule.
        Assert.Equal(1, test.OfferedActions[0]);
        Assert.Equal(("Use DynamoTables.CustomerOrders.DeclaredTableName", "IDPDYN210"), titles[0]);
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
        // The library applies the fix one diagnostic at a time and Fix All in the document, the project and the
        // solution: every way gives this text.
        await VerifyCS.VerifyCodeFixAsync(markup, """
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
            """, Yaml);
    }
}
