using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.ChartSchema;

/// <summary>
/// One node of the chart's published JSON Schema (draft-07), reduced to the keywords the chart uses:
/// type, enum, required, properties, additionalProperties, items, minLength, uniqueItems, default, description.
/// </summary>
internal sealed class SchemaNode
{
    public IReadOnlyList<string>? Types { get; private set; }

    public IReadOnlyList<string>? Enum { get; private set; }

    public IReadOnlyList<string> Required { get; private set; } = new string[0];

    /// <summary>Declared properties in schema order (order matters for "allowed keys" messages).</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Properties { get; private set; } = new KeyValuePair<string, SchemaNode>[0];

    public bool AdditionalPropertiesAllowed { get; private set; } = true;

    public SchemaNode? AdditionalProperties { get; private set; }

    public SchemaNode? Items { get; private set; }

    public int? MinLength { get; private set; }

    public bool UniqueItems { get; private set; }

    public bool HasDefault { get; private set; }

    public string? Description { get; private set; }

    public SchemaNode? Property(string name)
        => _propertyIndex is not null && _propertyIndex.TryGetValue(name, out var node) ? node : null;

    public bool Allows(string jsonType)
    {
        if (_types is null)
        {
            return true;
        }

        // An array, not the IReadOnlyList: this runs for every node of the document, without an enumerator each time.
        foreach (var t in _types)
        {
            if (t == jsonType || (t == "number" && jsonType == "integer"))
            {
                return true;
            }
        }

        return false;
    }

    private string[]? _types;
    private Dictionary<string, SchemaNode>? _propertyIndex;

    /// <summary>Builds the schema from its JSON text read as YAML (JSON is a subset of YAML's flow syntax).</summary>
    public static SchemaNode FromYaml(YNode node)
    {
        var schema = new SchemaNode();
        if (node is not YMapping map)
        {
            return schema;
        }

        foreach (var entry in map.Entries)
        {
            switch (entry.KeyText)
            {
                case "type":
                    schema._types = Strings(entry.Value);
                    schema.Types = schema._types;
                    break;
                case "enum":
                    schema.Enum = Strings(entry.Value);
                    break;
                case "required":
                    schema.Required = Strings(entry.Value);
                    break;
                case "properties" when entry.Value is YMapping props:
                    var list = new List<KeyValuePair<string, SchemaNode>>();
                    foreach (var p in props.Entries)
                    {
                        list.Add(new KeyValuePair<string, SchemaNode>(p.KeyText, FromYaml(p.Value)));
                    }

                    schema.Properties = list;
                    schema._propertyIndex = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
                    foreach (var p in list)
                    {
                        schema._propertyIndex[p.Key] = p.Value; // unique: the reader keeps one entry per key
                    }

                    break;
                case "additionalProperties":
                    if (entry.Value is YScalar { Kind: ScalarKind.Bool } b)
                    {
                        schema.AdditionalPropertiesAllowed = b.ResolvedText == "true";
                    }
                    else if (entry.Value is YMapping)
                    {
                        schema.AdditionalProperties = FromYaml(entry.Value);
                    }

                    break;
                case "items":
                    schema.Items = FromYaml(entry.Value);
                    break;
                case "minLength" when entry.Value is YScalar { IsIntegral: true } min:
                    schema.MinLength = (int)min.Number;
                    break;
                case "uniqueItems" when entry.Value is YScalar u:
                    schema.UniqueItems = u.ResolvedText == "true";
                    break;
                case "default":
                    schema.HasDefault = true;
                    break;
                case "description" when entry.Value is YScalar d:
                    schema.Description = d.Text;
                    break;
            }
        }

        return schema;
    }

    private static string[] Strings(YNode node)
    {
        var list = new List<string>();
        if (node is YSequence seq)
        {
            foreach (var item in seq.Items)
            {
                if (item is YScalar s)
                {
                    list.Add(s.Text);
                }
            }
        }
        else if (node is YScalar s)
        {
            list.Add(s.Text);
        }

        return list.ToArray();
    }
}
