using System.Threading;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using IdpDynamo.CodeFixes.Tests.Infrastructure;
using VerifyCS = IdpDynamo.CodeFixes.Tests.Infrastructure.CodeFixVerifier<IdpDynamo.Analyzers.Analyzers.Rules.RequestExpressionAnalyzer, IdpDynamo.CodeFixes.ReservedWordCodeFix>;

namespace IdpDynamo.CodeFixes.Tests;

/// <summary>
/// The IDPDYN211 reserved-word fix: the word becomes <c>#Word</c> and ExpressionAttributeNames gets
/// <c>["#Word"] = "Word"</c> (created when missing, in the dictionary's own entry style when present); one fix at a
/// time and Fix All (document, project, solution) give the expected code, which compiles and which the analyzer no
/// longer reports. No fix where the edit is not certain.
/// </summary>
public class ReservedWordCodeFixTests
{
    private const string Yaml = """
        managementPolicies: Control
        tables:
          - name: Items
            hashKey: Pk
            attributes:
              - name: Pk
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    private const string Header = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;

        """;

    [Fact]
    public async Task Creates_the_dictionary_when_the_request_has_none()
    {
        const string source = Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "{|IDPDYN211:Status|} = :s AND {|IDPDYN211:Year|} > :y",
                    ProjectionExpression = "Pk, {|IDPDYN211:Status|}",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue("x"), [":y"] = new AttributeValue { N = "1" } },
                });
            }
            """;
        const string expected = Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "#Status = :s AND #Year > :y",
                    ProjectionExpression = "Pk, #Status",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue("x"), [":y"] = new AttributeValue { N = "1" } },
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#Status"] = "Status", ["#Year"] = "Year" },
                });
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, expected, Yaml);
    }

    [Fact]
    public async Task Adds_to_an_inline_dictionary_in_its_style()
    {
        const string source = Header + """
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "#p = :p",
                        FilterExpression = @"{|IDPDYN211:Name|} = :p",
                        ExpressionAttributeNames = new Dictionary<string, string> { { "#p", "Pk" } },
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Items",
                        UpdateExpression = "SET #Count = :c, {|IDPDYN211:Size|} = :c",
                        ExpressionAttributeNames = new() { ["#Count"] = "Count" },
                        ExpressionAttributeValues = new() { [":c"] = new AttributeValue { N = "1" } },
                    });
                }
            }
            """;
        const string expected = Header + """
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Items",
                        KeyConditionExpression = "#p = :p",
                        FilterExpression = @"#Name = :p",
                        ExpressionAttributeNames = new Dictionary<string, string> { { "#p", "Pk" }, { "#Name", "Name" } },
                        ExpressionAttributeValues = new() { [":p"] = new AttributeValue("x") },
                    });
                    await client.UpdateItemAsync(new UpdateItemRequest
                    {
                        TableName = "Items",
                        UpdateExpression = "SET #Count = :c, #Size = :c",
                        ExpressionAttributeNames = new() { ["#Count"] = "Count", ["#Size"] = "Size" },
                        ExpressionAttributeValues = new() { [":c"] = new AttributeValue { N = "1" } },
                    });
                }
            }
            """;
        await VerifyCS.VerifyCodeFixAsync(source, expected, Yaml);
    }

    [Fact]
    public async Task Reuses_a_placeholder_already_defined_for_the_word()
    {
        await VerifyCS.VerifyCodeFixAsync(Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "#Status = :s OR {|IDPDYN211:Status|} = :t",
                    ExpressionAttributeNames = new() { ["#Status"] = "Status" },
                    ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x"), [":t"] = new AttributeValue("y") },
                });
            }
            """, Header + """
            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.ScanAsync(new ScanRequest
                {
                    TableName = "Items",
                    FilterExpression = "#Status = :s OR #Status = :t",
                    ExpressionAttributeNames = new() { ["#Status"] = "Status" },
                    ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x"), [":t"] = new AttributeValue("y") },
                });
            }
            """, Yaml);
    }

    [Fact]
    public async Task No_fix_where_the_edit_is_not_certain()
    {
        const string source = Header + """
            class Repo
            {
                private const string Filter = "Status = :s";

                async Task Run(IAmazonDynamoDB client, Dictionary<string, string> names)
                {
                    // The expression is a constant declared elsewhere; the dictionary is filled elsewhere; '#Status' means something else.
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = {|#0:Filter|}, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "{|#1:Status|} = :s", ExpressionAttributeNames = names, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = "{|#2:Status|} = :s AND #Status = :s", ExpressionAttributeNames = new() { ["#Status"] = "State" }, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                    await client.ScanAsync(new ScanRequest { TableName = "Items", FilterExpression = {|#3:"Status\u0020= :s"|}, ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") } });
                }
            }
            """;

        // The fixed code is the test code: the library then checks that no fix is offered for any of the four.
        var test = new DynamoCodeFixTest<RequestExpressionAnalyzer, ReservedWordCodeFix> { TestCode = source, FixedCode = source };
        test.ValuesFiles.Add((DynamoProject.ValuesPath, Yaml));
        for (int i = 0; i < 4; i++)
        {
            var expected = VerifyCS.Diagnostic("IDPDYN211").WithLocation(i)
                .WithMessage("'Status' in FilterExpression is a DynamoDB reserved word; use a placeholder such as '#Status' defined in ExpressionAttributeNames");
            test.ExpectedDiagnostics.Add(expected);
            test.FixedState.ExpectedDiagnostics.Add(expected);
        }

        await test.RunAsync(CancellationToken.None);
        Assert.All(test.OfferedActions, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task No_fix_when_a_later_statement_sets_the_names()
    {
        const string source = Header + """
            class Repo
            {
                async Task Run(IAmazonDynamoDB client)
                {
                    var names = new Dictionary<string, string>();
                    names.Add("#v", "Version");
                    var request = new ScanRequest { TableName = "Items", FilterExpression = "{|#0:Status|} = :s AND #v = :s" };
                    request.ExpressionAttributeNames = names;
                    request.ExpressionAttributeValues = new() { [":s"] = new AttributeValue("x") };
                    await client.ScanAsync(request);
                }
            }
            """;

        var test = new DynamoCodeFixTest<RequestExpressionAnalyzer, ReservedWordCodeFix> { TestCode = source, FixedCode = source };
        test.ValuesFiles.Add((DynamoProject.ValuesPath, Yaml));
        var expected = VerifyCS.Diagnostic("IDPDYN211").WithLocation(0)
            .WithMessage("'Status' in FilterExpression is a DynamoDB reserved word; use a placeholder such as '#Status' defined in ExpressionAttributeNames");
        test.ExpectedDiagnostics.Add(expected);
        test.FixedState.ExpectedDiagnostics.Add(expected);
        await test.RunAsync(CancellationToken.None);
        Assert.All(test.OfferedActions, count => Assert.Equal(0, count));
    }
}
