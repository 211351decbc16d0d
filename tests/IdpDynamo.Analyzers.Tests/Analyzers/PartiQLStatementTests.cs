using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using AccessCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.AccessAnalyzer>;
using IndexCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownIndexAnalyzer>;
using TableCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.UnknownTableAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// PartiQL statements (ExecuteStatementRequest, BatchStatementRequest, ParameterizedStatement): the table of SELECT,
/// INSERT, UPDATE and DELETE checked by IDPDYN201 and IDPDYN207, the <c>"table"."index"</c> of a SELECT by IDPDYN202.
/// A diagnostic points at the name inside a regular string literal, at the whole value otherwise.
/// </summary>
public class PartiQLStatementTests
{
    private static readonly VerifyOptions WithRole = new() { ServiceRole = ServiceRole };

    private static Task<AnalyzerTestRun> Tables(string body, params DiagnosticResult[] expected)
        => TableCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, expected);

    [Fact]
    public async Task Every_statement_form_names_its_table_inside_the_literal()
    {
        var run = await Tables("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"[|webshop-test-Ordrs|]\" WHERE Id = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "INSERT INTO \"[|Prodcts|]\" VALUE {'Sku': ?}" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "UPDATE [|Zebra|] SET Stock = 1 WHERE Sku = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "DELETE FROM \"[|Carts|]\" WHERE Id = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"webshop-test-Orders\" WHERE Id = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM Orders WHERE Id = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "UPDATE \"webshop-test-Products\" SET Stock = 1 WHERE Sku = ?" });
                }
            }
            """);
        var messages = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToList();
        Assert.Equal("Table 'webshop-test-Ordrs' is not declared in the values files of this project; did you mean 'Orders'?", messages[0]);
        Assert.Equal("Table 'Zebra' is not declared in the values files of this project", messages[2]);
    }

    [Fact]
    public Task Escapes_before_the_name_are_mapped_back_to_the_source() => Tables("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client) => client.ExecuteStatementAsync(new ExecuteStatementRequest
            {
                Statement = "SELECT\u0020*\tFROM \"[|Ordrs|]\"\r\nWHERE \"Id\" = '\x41\\' AND Note = ?",
            });
        }
        """);

    [Fact]
    public Task Exact_line_and_column_of_the_name() => Tables("""
        class Repo
        {
            Task Run(IAmazonDynamoDB client) => client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"Ordrs\"" });
        }
        """,
        TableCS.Diagnostic().WithSpan("/0/Test0.cs", 10, 129, 10, 134));

    [Fact]
    public Task Batch_and_transaction_statements() => Tables("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
                {
                    Statements = new List<BatchStatementRequest>
                    {
                        new() { Statement = "SELECT * FROM \"[|Ordrs|]\" WHERE Id = ?" },
                        new() { Statement = "SELECT * FROM \"Orders\" WHERE Id = ?" },
                    },
                });
                await client.ExecuteTransactionAsync(new ExecuteTransactionRequest
                {
                    TransactStatements = new List<ParameterizedStatement>
                    {
                        new() { Statement = "EXISTS(SELECT * FROM \"[|Prodcts|]\" WHERE Sku = ?)" },
                        new() { Statement = "UPDATE \"Orders\" SET Total = 5 WHERE Id = ?" },
                    },
                });
                var later = new ExecuteStatementRequest();
                later.Statement = "DELETE FROM [|Ordrs|] WHERE Id = ?";
                await client.ExecuteStatementAsync(later);
            }
        }
        """);

    [Fact]
    public Task Verbatim_interpolated_and_constant_statements_point_at_the_value() => Tables("""
        class Repo
        {
            private const string Select = "SELECT * FROM \"Ordrs\" WHERE Id = ?";
            private readonly string _ns = Environment.GetEnvironmentVariable("NS")!;

            async Task Run(IAmazonDynamoDB client, string id)
            {
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|@"SELECT * FROM ""Ordrs"" WHERE Id = ?"|] });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|Select|] });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|$"SELECT * FROM \"{_ns}-Ordrs\" WHERE Id = '{id}'"|] });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|"SELECT * FROM \"" + _ns + "-Prodcts\""|] });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"{_ns}-Orders\" WHERE Id = '{id}'" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"webshop-{_ns}-Ordrs\"" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"Ordrs{_ns}\"" });
            }
        }
        """);

    [Fact]
    public Task Raw_strings_and_locals_point_at_the_value() => Tables(""""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|"""SELECT * FROM "Ordrs" WHERE Id = ?"""|] });
                var statement = "DELETE FROM \"Ordrs\" WHERE Id = ?";
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|statement|] });
            }
        }
        """");

    [Fact]
    public async Task A_constant_tail_is_reported_as_IDPDYN201_reports_it()
    {
        var run = await Tables("""
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string ns) =>
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|$"SELECT * FROM \"{ns}-Ordrs\""|] });
            }
            """);
        Assert.Equal("Table '…-Ordrs' is not declared in the values files of this project; did you mean 'Orders'?", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Unreadable_and_unknown_statements_are_silent() => Tables("""
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string table, string columns, string statement)
            {
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = statement });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM {table}" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT {columns} FROM \"Ordrs\"" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"Ordrs" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM Orders /* FROM Ordrs" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "-- FROM \"Ordrs\"\nSELECT * FROM \"Orders\" WHERE Note = 'FROM \"Ordrs\"'" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "MERGE INTO \"Ordrs\"" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM orders" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"Orders\" -- FROM \"Ordrs\"" });
            }
        }
        """);

    [Fact]
    public Task A_Statement_property_of_another_type_is_not_a_statement() => Tables("""
        namespace Local
        {
            class ExecuteStatementRequest { public string Statement { get; set; } = ""; }

            class Repo
            {
                void Run() => _ = new ExecuteStatementRequest { Statement = "SELECT * FROM \"Ordrs\"" };
            }
        }
        """);

    [Fact]
    public async Task A_select_index_must_be_declared_on_its_table()
    {
        var run = await IndexCS.VerifyAnalyzerAsync(Usings + "\n" + """
            class Repo
            {
                async Task Run(IAmazonDynamoDB client, string ns)
                {
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"webshop-test-CustomerOrders\".\"[|StatusIdx|]\" WHERE Status = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"webshop-test-CustomerOrders\".\"StatusIndex\" WHERE Status = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"Orders\".[|StatusIndex|] WHERE Status = ?" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|$"SELECT * FROM \"{ns}-CustomerOrders\".\"ByEmail\""|] });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|$"SELECT * FROM \"{ns}\".\"ByEmail\""|] });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"{ns}\".\"AmountIndex\"" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"Carts\".\"ByEmail\"" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"CustomerOrders\".statusindex" });
                    await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"CustomerOrders\"" });
                }
            }
            """, Yaml);
        var messages = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToList();
        Assert.Equal("Index 'StatusIdx' is not declared on table 'CustomerOrders'; did you mean 'StatusIndex'?", messages[0]);
        Assert.Equal("Index 'StatusIndex' is not declared on table 'Orders'", messages[1]);
        Assert.Equal("Index 'ByEmail' is not declared on table 'CustomerOrders'", messages[2]);
        Assert.Equal("Index 'ByEmail' is not declared on any table of the values files", messages[3]);
    }

    [Fact]
    public Task Writes_to_a_read_only_table_and_any_use_without_access() => AccessCS.VerifyAnalyzerAsync(Usings + "\n" + """
        class Repo
        {
            async Task Run(IAmazonDynamoDB client, string ns)
            {
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "INSERT INTO \"[|webshop-test-Products|]\" VALUE {'Sku': ?}" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "UPDATE [|Products|] SET Stock = 1 WHERE Sku = ?" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = [|$"DELETE FROM \"{ns}-Products\" WHERE Sku = ?"|] });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"[|Counters|]\" WHERE CounterId = ?" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "SELECT * FROM \"webshop-test-Products\" WHERE Sku = ?" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = "UPDATE \"webshop-test-Orders\" SET Total = 1 WHERE Id = ?" });
                await client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"UPDATE \"{ns}Orders\" SET Total = 1 WHERE Id = ?" });
                await client.ExecuteTransactionAsync(new ExecuteTransactionRequest
                {
                    TransactStatements = new List<ParameterizedStatement>
                    {
                        new() { Statement = "EXISTS(SELECT * FROM \"Products\" WHERE Sku = ?)" },
                        new() { Statement = "UPDATE \"[|Products|]\" SET Stock = Stock - 1 WHERE Sku = ?" },
                    },
                });
            }
        }
        """, Yaml, WithRole);
}
