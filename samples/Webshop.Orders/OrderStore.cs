using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrdersTable = Webshop.Orders.DynamoTables.CustomerOrders;
using ProductsTable = Webshop.Orders.DynamoTables.Products;

namespace Webshop.Orders;

/// <summary>An order of the webshop.</summary>
public sealed record Order(string CustomerId, string OrderDate, decimal Amount, string Status);

/// <summary>
/// Reads and writes the orders service's tables. Every table, key, attribute and index name comes from the accessors
/// IdpDynamo.Build generates from the values files; there is no DynamoDB name as a string literal in this class.
/// </summary>
public sealed class OrderStore(IAmazonDynamoDB client)
{
    private const string ItemsAttribute = "Items";

    public async Task PlaceOrderAsync(Order order)
    {
        var item = OrdersTable.Key(order.CustomerId, order.OrderDate);
        item[OrdersTable.Attributes.TotalAmount] = new AttributeValue { N = order.Amount.ToString(CultureInfo.InvariantCulture) };
        item[OrdersTable.Attributes.Status] = new AttributeValue { S = order.Status };
        item[ItemsAttribute] = new AttributeValue { S = "[]" };
        await client.PutItemAsync(new PutItemRequest { TableName = OrdersTable.TableName, Item = item });
    }

    public async Task<Order?> GetOrderAsync(string customerId, string orderDate)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = OrdersTable.TableName, Key = OrdersTable.Key(customerId, orderDate) });
        return response.Item is { Count: > 0 } item ? ToOrder(item) : null;
    }

    public async Task AddProductAsync(string sku, string name)
    {
        var item = ProductsTable.Key(sku);
        item["ProductName"] = new AttributeValue { S = name };
        await client.PutItemAsync(new PutItemRequest { TableName = ProductsTable.TableName, Item = item });
    }

    public async Task<string?> GetProductNameAsync(string sku)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = ProductsTable.TableName, Key = ProductsTable.Key(sku) });
        return response.Item is { } item && item.TryGetValue("ProductName", out var name) ? name.S : null;
    }

    /// <summary>Orders of one customer above an amount, through the local secondary index on TotalAmount.</summary>
    public async Task<List<Order>> OrdersOfCustomerAboveAsync(string customerId, decimal amount)
    {
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = OrdersTable.TableName,
            IndexName = OrdersTable.Indexes.AmountIndex,
            // AmountIndex projects INCLUDE (Items, ShippingAddress): a query of an index returns only its projected
            // attributes by default, and Status is not one of them. An LSI can fetch the rest from the table.
            Select = Select.ALL_ATTRIBUTES,
            KeyConditionExpression = "#c = :c AND #a > :a",
            ExpressionAttributeNames = new() { ["#c"] = OrdersTable.HashKey, ["#a"] = OrdersTable.Attributes.TotalAmount },
            ExpressionAttributeValues = new()
            {
                [":c"] = new AttributeValue { S = customerId },
                [":a"] = new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) },
            },
        });
        return response.Items.Select(ToOrder).ToList();
    }

    /// <summary>All orders with a status, through the global secondary index on Status.</summary>
    public async Task<List<Order>> OrdersWithStatusAsync(string status)
    {
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = OrdersTable.TableName,
            IndexName = OrdersTable.Indexes.StatusIndex,
            KeyConditionExpression = "#s = :s",
            ExpressionAttributeNames = new() { ["#s"] = OrdersTable.Attributes.Status },
            ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = status } },
        });
        return response.Items.Select(ToOrder).ToList();
    }

    private static Order ToOrder(Dictionary<string, AttributeValue> item) => new(
        item[OrdersTable.HashKey].S,
        item[OrdersTable.RangeKey].S,
        decimal.Parse(item[OrdersTable.Attributes.TotalAmount].N, CultureInfo.InvariantCulture),
        item[OrdersTable.Attributes.Status].S);
}
