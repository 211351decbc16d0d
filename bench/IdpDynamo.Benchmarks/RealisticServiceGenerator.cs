using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace IdpDynamo.Benchmarks;

/// <summary>
/// A service shaped like a real one for the compile-cost benchmark: <c>files</c> C# files of which one in ten touches
/// DynamoDB (repositories in the shapes of the analyzers' realistic service test: options-bound and constant table
/// names, generated accessors, key dictionaries, a query on an index with a paging loop, a batch get, a transaction,
/// DataModel calls on entities, a literal that gets the IDPDYN210 suggestion) and nine in ten are ordinary application
/// code (records, validation, LINQ, string building, collections, async orchestration) that calls methods whose names
/// the SDK also declares (<c>Add</c>, <c>Get</c>, <c>Contains</c>, <c>Equals</c>, <c>ToString</c>, ...). Writes
/// <c>dir/apps/bench-test/orders/dynamodb/values.yaml</c> and <c>dir/Service/Generated/*.cs</c>.
/// </summary>
public static class RealisticServiceGenerator
{
    private static readonly UTF8Encoding Utf8 = new(false);

    public static void Write(string dir, int files, int tables, TextWriter log)
    {
        string values = Path.Combine(dir, ValuesFileGenerator.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(values)!);
        File.WriteAllBytes(values, ValuesFileGenerator.GenerateUtf8(tables, ServiceGenerator.ServiceRole));
        string source = Path.Combine(dir, "Service", "Generated");
        if (Directory.Exists(source))
        {
            Directory.Delete(source, recursive: true);
        }

        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "Shared.cs"), Shared(tables), Utf8);
        int dynamo = 0;
        for (int f = 0; f < files; f++)
        {
            string n = f.ToString(CultureInfo.InvariantCulture);
            if (f % 10 == 5)
            {
                File.WriteAllText(Path.Combine(source, $"Repository{n}.cs"), Repository(f, tables), Utf8);
                dynamo++;
            }
            else
            {
                File.WriteAllText(Path.Combine(source, $"Feature{n}.cs"), Ordinary(f), Utf8);
            }
        }

        log.WriteLine($"{dir}: {files} files, {dynamo} of them with DynamoDB calls, over {tables} tables");
    }

    private static string Accessor(int table) => "DynamoTables." + ValuesFileGenerator.TableName(table);

    private static int WithIndex(int t, int tables)
    {
        while (!ValuesFileGenerator.HasGlobalIndex(t % tables))
        {
            t++;
        }

        return t % tables;
    }

    private static string Shared(int tables)
    {
        var sb = new StringBuilder();
        sb.Append("""
            using System;
            using Amazon.DynamoDBv2.DataModel;

            namespace Bench.Realistic;

            public interface IOptions<out T> where T : class { T Value { get; } }

            /// <summary>Bound from the "Dynamo" configuration section at startup.</summary>
            public sealed class DynamoOptions
            {
                public string Namespace { get; set; } = "bench-test";
                public string AuditTable { get; set; } = "AuditEvents8";
            }

            public static class Attr
            {
                public const string TenantId = "TenantId";
                public const string CreatedAt = "CreatedAt";
                public const string Status = "Status";
                public const string Amount = "Amount";
            }

            public static class TableNames
            {

            """);
        for (int t = 0; t < tables; t++)
        {
            string name = ValuesFileGenerator.TableName(t);
            sb.Append($"    public const string {name} = \"{ValuesFileGenerator.Namespace}-{name}\";\n");
        }

        sb.Append("}\n\n");
        for (int t = 0; t < tables; t++)
        {
            string name = ValuesFileGenerator.TableName(t);
            sb.Append($$"""
                /// <summary>An item of table {{name}}.</summary>
                [DynamoDBTable({{Accessor(t)}}.Name)]
                public sealed class {{name}}Entity
                {
                    [DynamoDBHashKey] public string TenantId { get; set; } = "";
                    [DynamoDBRangeKey] public string CreatedAt { get; set; } = "";
                    [DynamoDBLocalSecondaryIndexRangeKey("AmountIndex")] public decimal Amount { get; set; }
                    {{(ValuesFileGenerator.HasGlobalIndex(t) ? "[DynamoDBGlobalSecondaryIndexHashKey(\"StatusIndex\")] " : "")}}public string Status { get; set; } = "";
                    public string? Note { get; set; }
                }


                """);
        }

        return sb.ToString();
    }

    private static string Repository(int f, int tables)
    {
        string n = f.ToString(CultureInfo.InvariantCulture);
        int a = WithIndex(f, tables);
        int b = (f * 7 + 3) % tables;
        int c = (f * 3 + 1) % tables;
        string nameA = ValuesFileGenerator.TableName(a);
        string nameB = ValuesFileGenerator.TableName(b);
        string nameC = ValuesFileGenerator.TableName(c);
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.DataModel;
            using Amazon.DynamoDBv2.Model;

            namespace Bench.Realistic;

            /// <summary>Repository {{n}}: low-level requests, a paging query, a batch, a transaction and DataModel calls.</summary>
            public sealed class Repository{{n}}(IAmazonDynamoDB client, IDynamoDBContext context, IOptions<DynamoOptions> options)
            {
                private const string Table = TableNames.{{nameA}};

                private string AuditTable => $"{options.Value.Namespace}-{options.Value.AuditTable}";

                public async Task<Dictionary<string, AttributeValue>?> GetAsync(string tenant, string createdAt, CancellationToken cancellationToken)
                {
                    var response = await client.GetItemAsync(new GetItemRequest
                    {
                        TableName = Table,
                        Key = new() { [Attr.TenantId] = new AttributeValue { S = tenant }, [Attr.CreatedAt] = new AttributeValue { S = createdAt } },
                        ConsistentRead = true,
                    }, cancellationToken);
                    return response.IsItemSet ? response.Item : null;
                }

                public Task PutAsync(string tenant, DateTime createdAt, decimal amount, string status, CancellationToken cancellationToken)
                    => client.PutItemAsync(new PutItemRequest
                    {
                        TableName = {{Accessor(b)}}.TableName,
                        Item = new()
                        {
                            [Attr.TenantId] = new AttributeValue { S = tenant },
                            [Attr.CreatedAt] = new AttributeValue { S = createdAt.ToString("O", CultureInfo.InvariantCulture) },
                            [Attr.Amount] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) },
                            [Attr.Status] = new AttributeValue { S = status },
                        },
                        ConditionExpression = "attribute_not_exists(TenantId)",
                    }, cancellationToken);

                public async Task<List<Dictionary<string, AttributeValue>>> ByStatusAsync(string status, CancellationToken cancellationToken)
                {
                    var items = new List<Dictionary<string, AttributeValue>>();
                    var request = new QueryRequest
                    {
                        TableName = {{Accessor(a)}}.TableName,
                        IndexName = {{Accessor(a)}}.Indexes.StatusIndex,
                        KeyConditionExpression = "#s = :s",
                        ExpressionAttributeNames = new Dictionary<string, string> { ["#s"] = Attr.Status },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":s"] = new AttributeValue { S = status } },
                    };
                    do
                    {
                        var page = await client.QueryAsync(request, cancellationToken);
                        items.AddRange(page.Items);
                        request.ExclusiveStartKey = page.LastEvaluatedKey;
                    }
                    while (request.ExclusiveStartKey is { Count: > 0 });
                    return items;
                }

                public Task<BatchGetItemResponse> BatchAsync(IEnumerable<string> tenants, CancellationToken cancellationToken)
                    => client.BatchGetItemAsync(new BatchGetItemRequest
                    {
                        RequestItems = new Dictionary<string, KeysAndAttributes>
                        {
                            [TableNames.{{nameC}}] = new KeysAndAttributes
                            {
                                Keys = tenants.Select(t => new Dictionary<string, AttributeValue> { [Attr.TenantId] = new AttributeValue { S = t }, [Attr.CreatedAt] = new AttributeValue { S = "0" } }).ToList(),
                            },
                        },
                    }, cancellationToken);

                public Task MoveAsync(string tenant, string createdAt, CancellationToken cancellationToken)
                    => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems =
                        [
                            new TransactWriteItem { Delete = new Delete { TableName = Table, Key = {{Accessor(a)}}.Key(tenant, createdAt) } },
                            new TransactWriteItem { Put = new Put { TableName = AuditTable, Item = new() { [Attr.TenantId] = new AttributeValue { S = tenant } } } },
                        ],
                    }, cancellationToken);

                public Task<DescribeTableResponse> DescribeAsync(CancellationToken cancellationToken)
                    => client.DescribeTableAsync("{{ValuesFileGenerator.Namespace}}-{{nameB}}", cancellationToken);

                public Task<{{nameB}}Entity> LoadAsync(string tenant, string createdAt, CancellationToken cancellationToken)
                    => context.LoadAsync<{{nameB}}Entity>(tenant, createdAt, cancellationToken);

                public Task SaveAsync({{nameC}}Entity entity, CancellationToken cancellationToken)
                    => context.SaveAsync(entity, cancellationToken);

                public Task DeleteAsync(string tenant, string createdAt, CancellationToken cancellationToken)
                    => context.DeleteAsync<{{nameC}}Entity>(tenant, createdAt, cancellationToken);
            }

            """;
    }

    /// <summary>Application code that never touches DynamoDB: a record, a validator, a service with LINQ and formatting.</summary>
    private static string Ordinary(int f)
    {
        string n = f.ToString(CultureInfo.InvariantCulture);
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Globalization;
            using System.Linq;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Bench.Realistic.Features.F{{n}};

            /// <summary>A line of feature {{n}}.</summary>
            public sealed record Line(string Sku, int Quantity, decimal UnitPrice)
            {
                public decimal Total => Quantity * UnitPrice;
            }

            /// <summary>The document feature {{n}} works on.</summary>
            public sealed class Document
            {
                public Guid Id { get; init; } = Guid.NewGuid();
                public string Customer { get; set; } = "";
                public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
                public List<Line> Lines { get; } = new();
                public Dictionary<string, string> Tags { get; } = new(StringComparer.OrdinalIgnoreCase);
                public string? Status { get; set; }
            }

            /// <summary>Checks a document before feature {{n}} stores it.</summary>
            public static class Validator
            {
                public static IReadOnlyList<string> Validate(Document document)
                {
                    var errors = new List<string>();
                    if (string.IsNullOrWhiteSpace(document.Customer))
                    {
                        errors.Add("customer is required");
                    }

                    foreach (var line in document.Lines)
                    {
                        if (line.Quantity <= 0)
                        {
                            errors.Add($"line {line.Sku}: quantity must be positive, was {line.Quantity}");
                        }

                        if (line.UnitPrice < 0m)
                        {
                            errors.Add(string.Format(CultureInfo.InvariantCulture, "line {0}: negative price {1:F2}", line.Sku, line.UnitPrice));
                        }
                    }

                    if (document.Tags.ContainsKey("blocked") || document.Tags.TryGetValue("state", out var state) && state.Equals("closed", StringComparison.Ordinal))
                    {
                        errors.Add("document is closed");
                    }

                    return errors;
                }
            }

            /// <summary>Feature {{n}}: totals, grouping, a report and an async pipeline.</summary>
            public sealed class Service(IClock clock)
            {
                private readonly Dictionary<Guid, Document> _cache = new();
                private readonly object _gate = new();

                public decimal Total(Document document) => document.Lines.Sum(l => l.Total);

                public IEnumerable<(string Sku, int Quantity)> BySku(IEnumerable<Document> documents)
                    => documents.SelectMany(d => d.Lines)
                        .GroupBy(l => l.Sku, StringComparer.Ordinal)
                        .Select(g => (g.Key, g.Sum(l => l.Quantity)))
                        .OrderByDescending(x => x.Item2)
                        .ThenBy(x => x.Key, StringComparer.Ordinal);

                public string Report(IReadOnlyCollection<Document> documents)
                {
                    var sb = new StringBuilder();
                    sb.Append("Report ").Append(clock.Now.ToString("u", CultureInfo.InvariantCulture)).AppendLine();
                    foreach (var document in documents.Where(d => d.Status != "draft").OrderBy(d => d.CreatedAt))
                    {
                        sb.AppendLine(CultureInfo.InvariantCulture, $"{document.Id:N} {document.Customer,-20} {Total(document),12:F2} {document.Lines.Count}");
                    }

                    if (documents.Count == 0)
                    {
                        sb.Append("(nothing)");
                    }

                    return sb.ToString().TrimEnd();
                }

                public Document? Get(Guid id)
                {
                    lock (_gate)
                    {
                        return _cache.TryGetValue(id, out var document) ? document : null;
                    }
                }

                public void Put(Document document)
                {
                    var errors = Validator.Validate(document);
                    if (errors.Count > 0)
                    {
                        throw new ArgumentException(string.Join("; ", errors), nameof(document));
                    }

                    lock (_gate)
                    {
                        _cache[document.Id] = document;
                    }
                }

                public bool Contains(string customer) => _cache.Values.Any(d => d.Customer.Contains(customer, StringComparison.OrdinalIgnoreCase));

                public async Task<int> ProcessAsync(IAsyncEnumerable<Document> incoming, CancellationToken cancellationToken)
                {
                    int count = 0;
                    await foreach (var document in incoming.WithCancellation(cancellationToken))
                    {
                        document.Status ??= "new";
                        document.Tags["processed"] = clock.Now.ToString("O", CultureInfo.InvariantCulture);
                        Put(document);
                        count++;
                        if (count % 100 == 0)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                        }
                    }

                    return count;
                }

                public Dictionary<string, decimal> Update(IEnumerable<Line> lines, Func<Line, bool> filter)
                {
                    var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
                    foreach (var line in lines.Where(filter))
                    {
                        totals[line.Sku] = totals.TryGetValue(line.Sku, out var t) ? t + line.Total : line.Total;
                    }

                    return totals;
                }

                public override string ToString() => $"Service {{n}} ({_cache.Count} documents)";

                public Bench.Realistic.Features.F0.Line Convert(Line line) => new(line.Sku.ToUpperInvariant(), line.Quantity, Math.Round(line.UnitPrice, 2));
            }

            /// <summary>The time source of feature {{n}}.</summary>
            public interface IClock
            {
                DateTimeOffset Now { get; }
            }

            """;
    }
}
