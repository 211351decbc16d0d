namespace IdpDynamo.Schema.Tests.Infrastructure;

/// <summary>Known-good values files that tests copy and break in exactly one place.</summary>
internal static class Values
{
    /// <summary>
    /// A valid file in namespace webshop-test that produces no diagnostic at all. Line numbers are part of the tests:
    /// line 4 is '- name: Orders', line 5 'hashKey', line 6 'rangeKey', line 8 the first attribute name.
    /// </summary>
    public const string Valid =
        """
        managementPolicies: Control
        deletionPolicy: Orphan
        tables:
          - name: Orders
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

        """;
}
