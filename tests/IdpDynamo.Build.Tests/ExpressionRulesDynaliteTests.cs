using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using IdpDynamo.Build.Tests.Infrastructure;

namespace IdpDynamo.Build.Tests;

/// <summary>
/// The DynamoDB behaviour the request-expression rules (IDPDYN209, IDPDYN211, IDPDYN212) rest on, asked of dynalite
/// (in memory on 127.0.0.1) with the real SDK: each rejected request with the exact message their docs pages quote, and
/// each case the rules accept on purpose. Table Items: Pk/Sk; GSIs GKeys (G, Gs; KEYS_ONLY), GInc (G; INCLUDE A),
/// GAll (G; ALL); LSI LKeys (L; KEYS_ONLY).
/// </summary>
public sealed class ExpressionRulesDynaliteTests : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private const string Table = "Items";

    private static readonly AttributeValue X = new("x");

    private readonly DynaliteFixture _dynalite;
    private AmazonDynamoDBClient? _client;

    public ExpressionRulesDynaliteTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    private IAmazonDynamoDB Client => _client!;

    public async Task InitializeAsync()
    {
        _client = _dynalite.Client();
        try
        {
            await _client.DescribeTableAsync(Table);
            return;
        }
        catch (ResourceNotFoundException)
        {
        }

        static KeySchemaElement Key(string name, KeyType type) => new(name, type);
        await _dynalite.CreateAsync(_client, new CreateTableRequest
        {
            TableName = Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = new List<AttributeDefinition>
            {
                new("Pk", ScalarAttributeType.S), new("Sk", ScalarAttributeType.S), new("G", ScalarAttributeType.S),
                new("Gs", ScalarAttributeType.S), new("L", ScalarAttributeType.S),
            },
            KeySchema = new List<KeySchemaElement> { Key("Pk", KeyType.HASH), Key("Sk", KeyType.RANGE) },
            GlobalSecondaryIndexes = new List<GlobalSecondaryIndex>
            {
                new() { IndexName = "GKeys", KeySchema = new() { Key("G", KeyType.HASH), Key("Gs", KeyType.RANGE) }, Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY } },
                new() { IndexName = "GInc", KeySchema = new() { Key("G", KeyType.HASH) }, Projection = new Projection { ProjectionType = ProjectionType.INCLUDE, NonKeyAttributes = new() { "A" } } },
                new() { IndexName = "GAll", KeySchema = new() { Key("G", KeyType.HASH) }, Projection = new Projection { ProjectionType = ProjectionType.ALL } },
            },
            LocalSecondaryIndexes = new List<LocalSecondaryIndex>
            {
                new() { IndexName = "LKeys", KeySchema = new() { Key("Pk", KeyType.HASH), Key("L", KeyType.RANGE) }, Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY } },
            },
        });
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    private async Task Rejected(string message, Func<IAmazonDynamoDB, Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => call(Client));
        Assert.Equal(message, error.Message);
    }

    private Task Accepted(Func<IAmazonDynamoDB, Task> call) => call(Client);

    private static Dictionary<string, AttributeValue> Values(params string[] names)
    {
        var values = new Dictionary<string, AttributeValue>();
        foreach (var name in names)
        {
            values[name] = X;
        }

        return values;
    }

    private static Dictionary<string, AttributeValue> ItemKey => new() { ["Pk"] = X, ["Sk"] = X };

    [Fact]
    public async Task IDPDYN209_select_all_attributes_on_a_gsi()
    {
        await Rejected(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index GKeys because its projection type is not ALL",
            c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "GKeys", KeyConditionExpression = "G = :g", ExpressionAttributeValues = Values(":g"), Select = Select.ALL_ATTRIBUTES }));
        await Rejected(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index GInc because its projection type is not ALL",
            c => c.ScanAsync(new ScanRequest { TableName = Table, IndexName = "GInc", Select = Select.ALL_ATTRIBUTES }));

        // Accepted: projection ALL, an LSI, and attributes the GSI does not project (they come back empty).
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "GAll", KeyConditionExpression = "G = :g", ExpressionAttributeValues = Values(":g"), Select = Select.ALL_ATTRIBUTES }));
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "LKeys", KeyConditionExpression = "Pk = :p", ExpressionAttributeValues = Values(":p"), Select = Select.ALL_ATTRIBUTES }));
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "GKeys", KeyConditionExpression = "G = :g", ExpressionAttributeValues = Values(":g"), ProjectionExpression = "A, Pk" }));
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "LKeys", KeyConditionExpression = "Pk = :p", ExpressionAttributeValues = Values(":p"), ProjectionExpression = "A" }));
    }

    [Fact]
    public async Task IDPDYN211_placeholders()
    {
        await Rejected(
            "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :p",
            c => c.QueryAsync(new QueryRequest { TableName = Table, KeyConditionExpression = "Pk = :p" }));
        await Rejected(
            "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :a",
            c => c.UpdateItemAsync(new UpdateItemRequest { TableName = Table, Key = ItemKey, UpdateExpression = "SET A = :a" }));
        await Rejected(
            "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #a",
            c => c.GetItemAsync(new GetItemRequest { TableName = Table, Key = ItemKey, ProjectionExpression = "#a" }));
        await Rejected(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#s}",
            c => c.QueryAsync(new QueryRequest { TableName = Table, KeyConditionExpression = "Pk = :p", ExpressionAttributeValues = Values(":p"), ExpressionAttributeNames = new() { ["#s"] = "Status" } }));
        await Rejected(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:q}",
            c => c.QueryAsync(new QueryRequest { TableName = Table, KeyConditionExpression = "Pk = :p", ExpressionAttributeValues = Values(":p", ":q") }));
        await Rejected(
            "ExpressionAttributeNames can only be specified when using expressions",
            c => c.GetItemAsync(new GetItemRequest { TableName = Table, Key = ItemKey, ExpressionAttributeNames = new() { ["#s"] = "Status" } }));

        // A name used by the projection only is used.
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, KeyConditionExpression = "Pk = :p", ProjectionExpression = "#s", ExpressionAttributeValues = Values(":p"), ExpressionAttributeNames = new() { ["#s"] = "Status" } }));
    }

    [Fact]
    public async Task IDPDYN211_reserved_words_anywhere_in_a_path_in_any_casing()
    {
        await Rejected(
            "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Status",
            c => c.QueryAsync(new QueryRequest { TableName = Table, KeyConditionExpression = "Pk = :p", FilterExpression = "Status = :p", ExpressionAttributeValues = Values(":p") }));
        await Rejected(
            "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: status",
            c => c.ScanAsync(new ScanRequest { TableName = Table, FilterExpression = "A.status = :p", ExpressionAttributeValues = Values(":p") }));
        await Rejected(
            "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: size",
            c => c.ScanAsync(new ScanRequest { TableName = Table, FilterExpression = "A[0].size = :p", ExpressionAttributeValues = Values(":p") }));
        await Rejected(
            "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Name",
            c => c.GetItemAsync(new GetItemRequest { TableName = Table, Key = ItemKey, ProjectionExpression = "A, Name" }));
        await Rejected(
            "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Year",
            c => c.UpdateItemAsync(new UpdateItemRequest { TableName = Table, Key = ItemKey, UpdateExpression = "SET Year = :a", ExpressionAttributeValues = Values(":a") }));
        await Rejected(
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Timestamp",
            c => c.DeleteItemAsync(new DeleteItemRequest { TableName = Table, Key = ItemKey, ConditionExpression = "attribute_exists(Timestamp)" }));
    }

    [Fact]
    public async Task IDPDYN212_key_attributes_in_filters_and_updates()
    {
        await Rejected(
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: Sk",
            c => c.QueryAsync(new QueryRequest { TableName = Table, KeyConditionExpression = "Pk = :p", FilterExpression = "#k.x = :p", ExpressionAttributeNames = new() { ["#k"] = "Sk" }, ExpressionAttributeValues = Values(":p") }));
        await Rejected(
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: Gs",
            c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "GKeys", KeyConditionExpression = "G = :p", FilterExpression = "Gs = :p", ExpressionAttributeValues = Values(":p") }));
        await Rejected(
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: L",
            c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "LKeys", KeyConditionExpression = "Pk = :p", FilterExpression = "L = :p", ExpressionAttributeValues = Values(":p") }));
        await Rejected(
            "One or more parameter values were invalid: Cannot update attribute Pk. This attribute is part of the key",
            c => c.UpdateItemAsync(new UpdateItemRequest { TableName = Table, Key = ItemKey, UpdateExpression = "SET Pk.x = :a", ExpressionAttributeValues = Values(":a") }));
        await Rejected(
            "One or more parameter values were invalid: Cannot update attribute Sk. This attribute is part of the key",
            c => c.UpdateItemAsync(new UpdateItemRequest { TableName = Table, Key = ItemKey, UpdateExpression = "REMOVE Sk" }));

        // Accepted: a Scan filter on the keys, a GSI query on the table's keys, an LSI query on the table's sort key,
        // an update of a GSI key, a key read in a SET value.
        await Accepted(c => c.ScanAsync(new ScanRequest { TableName = Table, FilterExpression = "Pk = :p AND Sk = :p", ExpressionAttributeValues = Values(":p") }));
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "GAll", KeyConditionExpression = "G = :p", FilterExpression = "Pk = :p AND Sk = :p", ExpressionAttributeValues = Values(":p") }));
        await Accepted(c => c.QueryAsync(new QueryRequest { TableName = Table, IndexName = "LKeys", KeyConditionExpression = "Pk = :p", FilterExpression = "Sk = :p", ExpressionAttributeValues = Values(":p") }));
        await Accepted(c => c.UpdateItemAsync(new UpdateItemRequest { TableName = Table, Key = ItemKey, UpdateExpression = "SET G = :a, A = Pk", ExpressionAttributeValues = Values(":a") }));
    }
}
