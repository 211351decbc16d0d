extern alias schema;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using schema::IdpDynamo.Schema.Model;
using schema::IdpDynamo.Schema.Validation;

namespace IdpDynamo.Build.Tests.Infrastructure;

/// <summary>
/// The CreateTable request the chart (Crossplane → terraform-provider-aws) sends for one <c>tables[]</c> entry, built from
/// the validator's own model:
/// <list type="bullet">
/// <item><c>TableName</c> = <c>&lt;ns&gt;-&lt;name&gt;</c>, or <c>idp-&lt;ns&gt;-&lt;name&gt;</c> with <c>useIdpPrefix: true</c>;</item>
/// <item><c>AttributeDefinitions</c> from <c>attributes[]</c> (identical duplicates collapse, as in terraform's set);</item>
/// <item><c>KeySchema</c> = hashKey HASH [, rangeKey RANGE]; <c>BillingMode</c> as written;</item>
/// <item><c>ProvisionedThroughput</c> only for PROVISIONED (<c>expandProvisionedThroughput</c> returns nil otherwise),
/// with the capacities that are set;</item>
/// <item>LSIs: table hashKey HASH + the LSI's rangeKey RANGE; GSIs: their own keys; never GSI capacity (the chart sets
/// none); <c>NonKeyAttributes</c> only when non-empty (<c>expandProjection</c>); empty index lists are not sent.</item>
/// </list>
/// The mapper trusts the model: a broken entry is mapped as written, so the server's answer can be compared with the
/// validator's diagnostic.
/// </summary>
internal static class CreateTableMapper
{
    /// <summary>The chart version the sample pins (application.yaml is not read here).</summary>
    public const string ChartVersion = "2.1.11";

    /// <summary>
    /// Validates the file like the build does (<see cref="ValuesValidator.Validate"/>) and returns its model with the
    /// diagnostics, one canonical line each (<c>path(line,col): error IDPDYN050: …</c>).
    /// </summary>
    public static (ValuesFile Model, IReadOnlyList<string> Errors, IReadOnlyList<string> All) Read(string path, string @namespace)
        => Read(File.ReadAllBytes(path), path, @namespace);

    public static (ValuesFile Model, IReadOnlyList<string> Errors, IReadOnlyList<string> All) Read(byte[] content, string displayPath, string @namespace)
    {
        var result = ValuesValidator.Validate(content, new ValuesFileSettings(displayPath, @namespace, ChartVersion));
        var all = result.Diagnostics.Select(d => d.ToCanonicalString()).ToList();
        var errors = result.Diagnostics.Where(d => d.Severity == schema::IdpDynamo.Schema.Severity.Error).Select(d => d.ToCanonicalString()).ToList();
        var model = result.Model ?? throw new InvalidOperationException($"The validator produced no model for {displayPath}:\n{string.Join("\n", all)}");
        return (model, errors, all);
    }

    /// <summary>One request per <c>tables[]</c> entry, in file order.</summary>
    public static IReadOnlyList<CreateTableRequest> Map(ValuesFile file)
    {
        string ns = file.Namespace ?? throw new InvalidOperationException($"{file.Path}: no namespace, so no table name can be rendered");
        return file.Tables.Select(t => Map(t, ns)).ToList();
    }

    public static CreateTableRequest Map(TableSpec table, string @namespace)
    {
        var request = new CreateTableRequest
        {
            TableName = table.RenderedName(@namespace),
            AttributeDefinitions = table.Attributes
                .Select(a => (Name: a.Name?.Value ?? string.Empty, Type: a.Type?.Value ?? string.Empty))
                .Distinct()
                .Select(a => new AttributeDefinition { AttributeName = a.Name, AttributeType = new ScalarAttributeType(a.Type) })
                .ToList(),
            KeySchema = KeySchema(table.HashKey?.Value, table.RangeKey?.Value),
        };

        if (table.BillingMode?.Value is { } billing)
        {
            request.BillingMode = new BillingMode(billing);
        }

        // Only for PROVISIONED, and (as terraform-provider-aws builds ProvisionedThroughput) only with the
        // capacities that are set: none set sends no ProvisionedThroughput at all.
        if (table.BillingMode?.Value == BillingMode.PROVISIONED.Value && (table.ReadCapacity is not null || table.WriteCapacity is not null))
        {
            var throughput = new ProvisionedThroughput();
            if (table.ReadCapacity is { } read)
            {
                throughput.ReadCapacityUnits = read.Value;
            }

            if (table.WriteCapacity is { } write)
            {
                throughput.WriteCapacityUnits = write.Value;
            }

            request.ProvisionedThroughput = throughput;
        }

        if (table.LocalIndexes.Count > 0)
        {
            request.LocalSecondaryIndexes = table.LocalIndexes
                .Select(i => new LocalSecondaryIndex
                {
                    IndexName = i.Name?.Value,
                    KeySchema = KeySchema(table.HashKey?.Value, i.RangeKey?.Value),
                    Projection = Projection(i),
                })
                .ToList();
        }

        if (table.GlobalIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = table.GlobalIndexes
                .Select(i => new GlobalSecondaryIndex
                {
                    IndexName = i.Name?.Value,
                    KeySchema = KeySchema(i.HashKey?.Value, i.RangeKey?.Value),
                    Projection = Projection(i),
                })
                .ToList();
        }

        return request;
    }

    private static List<KeySchemaElement> KeySchema(string? hashKey, string? rangeKey)
    {
        var keys = new List<KeySchemaElement> { new() { AttributeName = hashKey ?? string.Empty, KeyType = KeyType.HASH } };
        if (rangeKey is not null)
        {
            keys.Add(new KeySchemaElement { AttributeName = rangeKey, KeyType = KeyType.RANGE });
        }

        return keys;
    }

    private static Projection Projection(IndexSpec index)
    {
        var projection = new Projection();
        if (index.ProjectionType?.Value is { } type)
        {
            projection.ProjectionType = new ProjectionType(type);
        }

        if (index.NonKeyAttributes.Count > 0)
        {
            projection.NonKeyAttributes = index.NonKeyAttributes.Select(a => a.Value).ToList();
        }

        return projection;
    }

    /// <summary>The request as compact JSON-like text, for assertion messages.</summary>
    public static string Describe(CreateTableRequest r)
    {
        static string Keys(IEnumerable<KeySchemaElement>? keys) => "[" + string.Join(", ", (keys ?? []).Select(k => $"{k.AttributeName} {k.KeyType}")) + "]";
        static string Proj(Projection? p) => p is null ? "-" : p.ProjectionType + (p.NonKeyAttributes is { Count: > 0 } n ? " (" + string.Join(", ", n) + ")" : string.Empty);

        var lines = new List<string>
        {
            $"TableName {r.TableName}",
            "AttributeDefinitions [" + string.Join(", ", (r.AttributeDefinitions ?? []).Select(a => $"{a.AttributeName} {a.AttributeType}")) + "]",
            "KeySchema " + Keys(r.KeySchema),
            $"BillingMode {r.BillingMode?.Value ?? "-"}",
        };
        if (r.ProvisionedThroughput is { } t)
        {
            lines.Add($"ProvisionedThroughput {t.ReadCapacityUnits?.ToString() ?? "null"}/{t.WriteCapacityUnits?.ToString() ?? "null"}");
        }

        lines.AddRange((r.LocalSecondaryIndexes ?? []).Select(i => $"LSI {i.IndexName} {Keys(i.KeySchema)} {Proj(i.Projection)}"));
        lines.AddRange((r.GlobalSecondaryIndexes ?? []).Select(i => $"GSI {i.IndexName} {Keys(i.KeySchema)} {Proj(i.Projection)}"));
        return string.Join("\n", lines);
    }
}
