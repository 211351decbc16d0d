namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>The values files the generator tests run on, in the apps-repository layout the namespace is derived from.</summary>
internal static class ValuesFiles
{
    public const string TestPath = "/repo/apps/webshop-test/orders/dynamodb/values.yaml";
    public const string ProdPath = "/repo/apps/webshop-prod/orders/dynamodb/values.yaml";

    /// <summary>A table with a range key and two local secondary indexes (as in samples/apps).</summary>
    public const string LocalIndexes = """
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
                nonKeyAttributes: ["Items", "ShippingAddress"]
              - name: StatusIndex
                rangeKey: Status
                projectionType: KEYS_ONLY
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]
        """;

    /// <summary>Global secondary indexes on a provisioned table in another region, and a numeric key.</summary>
    public const string GlobalIndexes = """
        managementPolicies: Control
        tables:
          - name: Products
            hashKey: Sku
            attributes:
              - name: Sku
                type: 'S'
              - name: Category
                type: 'S'
              - name: Price
                type: 'N'
              - name: OwnerId
                type: 'N'
            billingMode: PROVISIONED
            readCapacity: 5
            writeCapacity: 2
            region: eu-central-1
            pointInTimeRecovery: false
            globalSecondaryIndex:
              - name: CategoryPriceIndex
                hashKey: Category
                rangeKey: Price
                projectionType: ALL
                readCapacity: 5
                writeCapacity: 1
              - name: by-owner
                hashKey: OwnerId
                projectionType: KEYS_ONLY
                readCapacity: 1
                writeCapacity: 1
            serviceAccountReadRoles: ["orders-api-webshop-test", "catalog-api-webshop-test"]
            serviceAccountWriteRoles: ["catalog-api-webshop-test"]

          - name: Counters
            hashKey: CounterId
            rangeKey: Day
            attributes:
              - name: CounterId
                type: 'N'
              - name: Day
                type: 'N'
            billingMode: PAY_PER_REQUEST
        """;

    /// <summary>TTL enabled and disabled, and a binary key.</summary>
    public const string TimeToLive = """
        managementPolicies: Control
        tables:
          - name: Sessions
            hashKey: SessionId
            attributes:
              - name: SessionId
                type: 'S'
            billingMode: PAY_PER_REQUEST
            ttl:
              attributeName: ExpiresAt
              enabled: true

          - name: Tokens
            hashKey: TokenHash
            attributes:
              - name: TokenHash
                type: 'B'
            billingMode: PAY_PER_REQUEST
            ttl:
              attributeName: ValidUntil
              enabled: false
        """;

    /// <summary>A legacy table (useIdpPrefix: true → idp-&lt;namespace&gt;-&lt;name&gt;) next to a current one.</summary>
    public const string LegacyPrefix = """
        managementPolicies: Control
        tables:
          - name: LegacyUsers
            useIdpPrefix: true
            hashKey: UserId
            attributes:
              - name: UserId
                type: 'N'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]

          - name: Users
            hashKey: UserId
            attributes:
              - name: UserId
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;

    /// <summary>webshop-test: both tables plus Experiments, which prod does not have.</summary>
    public const string TestEnvironment = """
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
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
            serviceAccountWriteRoles: ["orders-api-webshop-test"]

          - name: Experiments
            hashKey: ExperimentId
            attributes:
              - name: ExperimentId
                type: 'S'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-test"]
        """;

    /// <summary>webshop-prod: the same orders table, with prod's roles.</summary>
    public const string ProdEnvironment = """
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
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["orders-api-webshop-prod"]
            serviceAccountWriteRoles: ["orders-api-webshop-prod"]
        """;

    /// <summary>
    /// Names that are not C# identifiers or that would break a string literal or an XML doc comment if copied verbatim,
    /// names that are generated members' names, and names that map to the same identifier.
    /// </summary>
    public const string HostileNames = """
        managementPolicies: Control
        tables:
          - name: "Quote\"Table\\Back"
            hashKey: "id\"\\x"
            rangeKey: "Line\nBreak"
            attributes:
              - name: "id\"\\x"
                type: 'S'
              - name: "Line\nBreak"
                type: 'N'
            billingMode: PAY_PER_REQUEST
            serviceAccountReadRoles: ["</summary><b>role</b>", "a&b"]

          - name: "Ends*/ here </summary>"
            hashKey: "<c>"
            attributes:
              - name: "<c>"
                type: 'S'
            billingMode: PAY_PER_REQUEST
            localSecondaryIndex:
              - name: "*/ idx </summary>"
                rangeKey: "<c>"
                projectionType: ALL

          - name: Bestillinger-æøå
            hashKey: Kunde-Nr
            attributes:
              - name: Kunde-Nr
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: "Emoji-\U0001F680-Tab\t\u2028End"
            hashKey: Id
            attributes:
              - name: Id
                type: 'B'
            billingMode: PAY_PER_REQUEST

          - name: class
            hashKey: namespace
            rangeKey: value
            attributes:
              - name: namespace
                type: 'S'
              - name: value
                type: 'N'
            billingMode: PAY_PER_REQUEST
            ttl:
              attributeName: Attributes
              enabled: true
            globalSecondaryIndex:
              - name: Indexes
                hashKey: value
                projectionType: ALL
              - name: Projections
                hashKey: value
                projectionType: INCLUDE
                nonKeyAttributes: ["Projections", "Indexes", "class", "a-b", "a_b"]

          - name: 2024-Orders
            hashKey: 1st
            attributes:
              - name: 1st
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: IpAccessAgreement-v2
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: Orders.v2
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: Orders-v2
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: Orders_v2
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: Key
            hashKey: Name
            attributes:
              - name: Name
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: Namespace
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST

          - name: DynamoTables
            hashKey: Id
            attributes:
              - name: Id
                type: 'S'
            billingMode: PAY_PER_REQUEST
        """;
}
