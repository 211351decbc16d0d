namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The values file the analyzer tests check C# against (namespace webshop-test, from its path). The service under
/// test is <c>orders-api</c>:
/// <list type="bullet">
/// <item>CustomerOrders: hash CustomerId (S), range OrderDate (S); LSI AmountIndex (TotalAmount N), GSI StatusIndex
/// (Status S, OrderDate S); orders-api reads and writes.</item>
/// <item>Orders: hash Id (S); orders-api reads and writes.</item>
/// <item>Products: hash Sku (S); orders-api only reads (catalog-api writes).</item>
/// <item>Counters: hash CounterId (S), range Day (N); only billing-api has access.</item>
/// <item>Notifications: hash targetId (S), range id (S) (camelCase attribute names); orders-api reads and writes.</item>
/// </list>
/// </summary>
internal static class AnalyzerValues
{
    public const string ServiceRole = "orders-api-<ns>";

    public const string Yaml = """
        # yaml-language-server: $schema=https://public.docs.idp.jppol.dk/schemas/idp-dynamodb/v2.1.11.json
        managementPolicies: Control
        deletionPolicy: Orphan

        tables:
          - name: CustomerOrders
            hashKey: CustomerId
            rangeKey: OrderDate
            attributes:
              - name: CustomerId
                type: 'S'
              - name: OrderDate
                type: 'S'
              - name: TotalAmount
                type: 'N'
              - name: Status
                type: 'S'
            billingMode: PAY_PER_REQUEST
            localSecondaryIndex:
              - name: AmountIndex
                rangeKey: TotalAmount
                projectionType: INCLUDE
                nonKeyAttributes: ["Items"]
            globalSecondaryIndex:
              - name: StatusIndex
                hashKey: Status
                rangeKey: OrderDate
                projectionType: ALL
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

          - name: Orders
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

          - name: Products
            hashKey: Sku
            attributes:
              - name: Sku
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test", "catalog-api-webshop-test"]
            serviceAccountWriteRoles: ["catalog-api-webshop-test"]

          - name: Counters
            hashKey: CounterId
            rangeKey: Day
            attributes:
              - name: CounterId
                type: 'S'
              - name: Day
                type: 'N'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["billing-api-webshop-test"]
            serviceAccountWriteRoles: ["billing-api-webshop-test"]

          - name: Notifications
            hashKey: targetId
            rangeKey: id
            attributes:
              - name: targetId
                type: 'S'
              - name: id
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]
        """;

    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        using Amazon.DynamoDBv2.DocumentModel;
        using Amazon.DynamoDBv2.DataModel;
        """;
}
