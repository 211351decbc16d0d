namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// A v3.7-shaped slice of AWSSDK.DynamoDBv2 (the registry serves no 3.7 package): <c>DynamoDBOperationConfig :
/// DynamoDBContextConfig</c>, <c>Table.LoadTable</c> returning <c>Table</c>, non-nullable request flags, the
/// <c>DynamoDBContext</c> constructor and its synchronous Save/Delete, the synchronous Document-model writes, and the
/// DataModel attributes. Names and namespaces are the SDK's, which is all
/// the analyzers look at. Tests see it as a referenced assembly (<see cref="TestReferences.DynamoV3Stubs"/>), as
/// they see the real v4 SDK.
/// </summary>
internal static class DynamoV3Stubs
{
    public const string Source = """
        #nullable disable
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Amazon.DynamoDBv2
        {
            public interface IAmazonDynamoDB
            {
                Task<Model.GetItemResponse> GetItemAsync(string tableName, Dictionary<string, Model.AttributeValue> key, CancellationToken cancellationToken = default);
                Task<Model.GetItemResponse> GetItemAsync(Model.GetItemRequest request, CancellationToken cancellationToken = default);
                Task<Model.PutItemResponse> PutItemAsync(string tableName, Dictionary<string, Model.AttributeValue> item, CancellationToken cancellationToken = default);
                Task<Model.QueryResponse> QueryAsync(Model.QueryRequest request, CancellationToken cancellationToken = default);
            }
        }

        namespace Amazon.DynamoDBv2.Model
        {
            public class AttributeValue
            {
                public AttributeValue() { }
                public AttributeValue(string s) { S = s; }
                public string S { get; set; }
                public string N { get; set; }
                public MemoryStream B { get; set; }
                public bool BOOL { get; set; }
                public bool NULL { get; set; }
            }

            public class GetItemRequest
            {
                public GetItemRequest() { }
                public GetItemRequest(string tableName, Dictionary<string, AttributeValue> key) { TableName = tableName; Key = key; }
                public string TableName { get; set; }
                public Dictionary<string, AttributeValue> Key { get; set; }
                public bool ConsistentRead { get; set; }
            }

            public class GetItemResponse { public Dictionary<string, AttributeValue> Item { get; set; } }

            public class PutItemResponse { }

            public class QueryRequest
            {
                public QueryRequest() { }
                public QueryRequest(string tableName) { TableName = tableName; }
                public string TableName { get; set; }
                public string IndexName { get; set; }
                public bool ConsistentRead { get; set; }
                public string KeyConditionExpression { get; set; }
                public Dictionary<string, string> ExpressionAttributeNames { get; set; }
                public Dictionary<string, AttributeValue> ExpressionAttributeValues { get; set; }
            }

            public class QueryResponse { public List<Dictionary<string, AttributeValue>> Items { get; set; } }
        }

        namespace Amazon.DynamoDBv2.DocumentModel
        {
            public class Document { }
            public class Table
            {
                public static Table LoadTable(IAmazonDynamoDB ddbClient, string tableName) => new Table();
                public string TableName { get; }
                public Document PutItem(Document doc) => doc;
                public Document UpdateItem(Document doc) => doc;
                public Document DeleteItem(Document document) => document;
            }
        }

        namespace Amazon.DynamoDBv2.DataModel
        {
            public abstract class DynamoDBAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct, Inherited = true, AllowMultiple = false)]
            public sealed class DynamoDBTableAttribute : DynamoDBAttribute
            {
                public DynamoDBTableAttribute(string tableName) { TableName = tableName; }
                public DynamoDBTableAttribute(string tableName, bool lowerCamelCaseProperties) { TableName = tableName; LowerCamelCaseProperties = lowerCamelCaseProperties; }
                public string TableName { get; set; }
                public bool LowerCamelCaseProperties { get; set; }
            }

            public abstract class DynamoDBRenamableAttribute : DynamoDBAttribute
            {
                protected DynamoDBRenamableAttribute() { }
                protected DynamoDBRenamableAttribute(string attributeName) { AttributeName = attributeName; }
                public string AttributeName { get; set; }
            }

            [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field, Inherited = true, AllowMultiple = false)]
            public class DynamoDBPropertyAttribute : DynamoDBRenamableAttribute
            {
                public DynamoDBPropertyAttribute() { }
                public DynamoDBPropertyAttribute(string attributeName) : base(attributeName) { }
                public DynamoDBPropertyAttribute(System.Type converter) { Converter = converter; }
                public System.Type Converter { get; set; }
                public bool StoreAsEpoch { get; set; }
            }

            public class DynamoDBHashKeyAttribute : DynamoDBPropertyAttribute
            {
                public DynamoDBHashKeyAttribute() { }
                public DynamoDBHashKeyAttribute(string attributeName) : base(attributeName) { }
            }

            public class DynamoDBRangeKeyAttribute : DynamoDBPropertyAttribute
            {
                public DynamoDBRangeKeyAttribute() { }
                public DynamoDBRangeKeyAttribute(string attributeName) : base(attributeName) { }
            }

            public class DynamoDBGlobalSecondaryIndexHashKeyAttribute : DynamoDBHashKeyAttribute
            {
                public DynamoDBGlobalSecondaryIndexHashKeyAttribute(params string[] indexNames) { IndexNames = indexNames; }
                public string[] IndexNames { get; set; }
            }

            public class DynamoDBGlobalSecondaryIndexRangeKeyAttribute : DynamoDBRangeKeyAttribute
            {
                public DynamoDBGlobalSecondaryIndexRangeKeyAttribute(params string[] indexNames) { IndexNames = indexNames; }
                public string[] IndexNames { get; set; }
            }

            public class DynamoDBLocalSecondaryIndexRangeKeyAttribute : DynamoDBPropertyAttribute
            {
                public DynamoDBLocalSecondaryIndexRangeKeyAttribute(params string[] indexNames) { IndexNames = indexNames; }
                public string[] IndexNames { get; set; }
            }

            /// <summary>v3: the context configuration, and the base class of the operation configuration.</summary>
            public class DynamoDBContextConfig
            {
                public string TableNamePrefix { get; set; }
                public bool? ConsistentRead { get; set; }
            }

            /// <summary>v3: one configuration for every operation (v4 splits it into LoadConfig, QueryConfig...).</summary>
            public class DynamoDBOperationConfig : DynamoDBContextConfig
            {
                public string OverrideTableName { get; set; }
                public string IndexName { get; set; }
            }

            public class AsyncSearch<T> { }

            public class DynamoDBContext
            {
                public DynamoDBContext(IAmazonDynamoDB client) { }
                public DynamoDBContext(IAmazonDynamoDB client, DynamoDBContextConfig config) { }
                public Task<T> LoadAsync<T>(object hashKey, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task<T> LoadAsync<T>(object hashKey, DynamoDBOperationConfig operationConfig, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task<T> LoadAsync<T>(object hashKey, object rangeKey, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task<T> LoadAsync<T>(object hashKey, object rangeKey, DynamoDBOperationConfig operationConfig, CancellationToken cancellationToken = default) => Task.FromResult(default(T));
                public Task SaveAsync<T>(T value, DynamoDBOperationConfig operationConfig = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
                public void Save<T>(T value, DynamoDBOperationConfig operationConfig = null) { }
                public void Delete<T>(object hashKey, DynamoDBOperationConfig operationConfig = null) { }
                public AsyncSearch<T> QueryAsync<T>(object hashKeyValue, DynamoDBOperationConfig operationConfig = null) => new AsyncSearch<T>();
            }
        }
        """;
}
