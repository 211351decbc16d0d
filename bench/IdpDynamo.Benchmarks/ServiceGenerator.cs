using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// (e) A generated service for the analyzer benchmark: <c>files</c> C# files with four DynamoDB calls each (about 2,000
/// for 500 files), in the sample's patterns: GetItemRequest with the generated table-name accessor and Key(...) builder,
/// QueryRequest on a generated index name with a key condition, PutItemRequest with a literal rendered table name, and
/// DataModel LoadAsync/QueryAsync on [DynamoDBTable] entities. Writes
/// <c>dir/apps/bench-test/orders/dynamodb/values.yaml</c> (<c>tables</c> tables) and <c>dir/Service/*.cs</c>; the
/// project file is the script's (it knows the package feed).
/// </summary>
public static class ServiceGenerator
{
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The service's own IAM role: may read and write every table (IdpDynamoServiceRole, enables the access checks).</summary>
    public const string ServiceRole = "bench-api-" + ValuesFileGenerator.Namespace;

    public static void Write(string dir, int files, int tables, TextWriter log)
    {
        string values = Path.Combine(dir, ValuesFileGenerator.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(values)!);
        File.WriteAllBytes(values, ValuesFileGenerator.GenerateUtf8(tables, ServiceRole));
        string source = Path.Combine(dir, "Service", "Generated");
        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true);
        }

        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "Entities.cs"), Entities(tables), Utf8);
        for (int f = 0; f < files; f++)
        {
            File.WriteAllText(Path.Combine(source, $"Repository{f.ToString(CultureInfo.InvariantCulture)}.cs"), Repository(f, tables), Utf8);
        }

        log.WriteLine($"{dir}: {files} files with {files * 4} DynamoDB calls over {tables} tables");
    }

    private static string Accessor(int table) => "DynamoTables." + ValuesFileGenerator.TableName(table);

    private static string Entities(int tables)
    {
        var sb = new StringBuilder();
        sb.Append("using Amazon.DynamoDBv2.DataModel;\n\nnamespace Bench.Service;\n\n");
        for (int t = 0; t < tables; t++)
        {
            string name = ValuesFileGenerator.TableName(t);
            sb.Append($$"""
                /// <summary>An item of table {{name}} (DataModel).</summary>
                [DynamoDBTable({{Accessor(t)}}.Name)]
                public sealed class {{name}}Item
                {
                    [DynamoDBHashKey] public string TenantId { get; set; } = "";
                    [DynamoDBRangeKey] public string CreatedAt { get; set; } = "";
                    [DynamoDBLocalSecondaryIndexRangeKey("AmountIndex")] public decimal Amount { get; set; }
                    {{(ValuesFileGenerator.HasGlobalIndex(t) ? "[DynamoDBGlobalSecondaryIndexHashKey(\"StatusIndex\")] " : "")}}public string Status { get; set; } = "";
                }


                """);
        }

        return sb.ToString();
    }

    private static string Repository(int f, int tables)
    {
        int a = f % tables;
        while (!ValuesFileGenerator.HasGlobalIndex(a))
        {
            a = (a + 1) % tables; // the query goes through StatusIndex
        }

        int b = (f * 7 + 3) % tables;
        string n = f.ToString(CultureInfo.InvariantCulture);
        string itemB = ValuesFileGenerator.TableName(b) + "Item";
        return $$"""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.Model;

            namespace Bench.Service;

            /// <summary>Generated repository {{n}}: four DynamoDB calls.</summary>
            public sealed class Repository{{n}}(IAmazonDynamoDB client, IDynamoDBContext context)
            {
                public async Task<Dictionary<string, AttributeValue>?> GetAsync(string tenant, string createdAt)
                {
                    var response = await client.GetItemAsync(new GetItemRequest
                    {
                        TableName = {{Accessor(a)}}.TableName,
                        Key = {{Accessor(a)}}.Key(tenant, createdAt),
                        ConsistentRead = true,
                    });
                    return response.Item;
                }

                public async Task<int> CountByStatusAsync(string status)
                {
                    var response = await client.QueryAsync(new QueryRequest
                    {
                        TableName = {{Accessor(a)}}.TableName,
                        IndexName = {{Accessor(a)}}.Indexes.StatusIndex,
                        KeyConditionExpression = "#s = :s",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = "Status" },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = status } },
                    });
                    return response.Items.Count;
                }

                public Task PutAsync(string tenant, string createdAt, string status)
                    => client.PutItemAsync(new PutItemRequest
                    {
                        TableName = "{{ValuesFileGenerator.Namespace}}-{{ValuesFileGenerator.TableName(b)}}",
                        Item = new Dictionary<string, AttributeValue>
                        {
                            ["TenantId"] = new AttributeValue { S = tenant },
                            ["CreatedAt"] = new AttributeValue { S = createdAt },
                            ["Status"] = new AttributeValue { S = status },
                        },
                    });

                public Task<{{itemB}}> LoadAsync(string tenant, string createdAt)
                    => context.LoadAsync<{{itemB}}>(tenant, createdAt);
            }

            """;
    }
}
