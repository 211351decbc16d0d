using System.Globalization;
using System.Text;
using IdpDynamo.Schema.ChartSchema;
using IdpDynamo.Schema.Text;
using IdpDynamo.Schema.Yaml;

namespace IdpDynamo.Schema.Validation;

/// <summary>
/// Checks a values tree against the chart's JSON Schema (IDPDYN006–013) and the file-level rules that only need the
/// tree (IDPDYN004, 015, 124). The schema drives everything, so a newer bundled schema changes the checks by itself.
/// </summary>
internal sealed class StructuralValidator
{
    private static readonly string[] PlatformInjected = { "idp_aws_account", "idp_oidc_provider_url" };
    private static readonly string[] PlatformUnused = { "ingress", "global" };

    private readonly DiagnosticBag _bag;

    private StructuralValidator(DiagnosticBag bag) => _bag = bag;

    /// <summary>Validates the document; returns false when the file is not a values file at all (no semantic rules then).</summary>
    public static bool Validate(YamlDocument document, SchemaNode schema, DiagnosticBag bag)
        => new StructuralValidator(bag).Run(document, schema);

    private bool Run(YamlDocument document, SchemaNode schema)
    {
        var root = document.Root;
        if (root is null || root is YScalar { IsNull: true })
        {
            _bag.Report(DiagnosticIds.NoTables, SourceSpan.FileStart, NoTablesMessage);
            return false;
        }

        if (root is not YMapping map)
        {
            Walk(root, schema, NodePath.Root, null);
            return false;
        }

        if (map.Entries.Count > 0 && map.Entries.All(e => schema.Property(e.KeyText) is null))
        {
            var keys = string.Join(", ", map.Entries.Take(4).Select(e => $"'{e.KeyText}'"));
            string kind = map.Find("apiVersion") is not null && map.Find("kind") is not null
                ? "it looks like a Kubernetes manifest (apiVersion, kind)"
                : $"none of its keys ({keys}) is known to the chart";
            _bag.Report(DiagnosticIds.NotAValuesFile, map.Entries[0].Key.Span,
                $"This is not an idp-dynamodb values file: {kind}; expected keys such as {Allowed(schema)}");
            return false;
        }

        var tables = map.Find("tables");
        if (tables is null)
        {
            _bag.Report(DiagnosticIds.NoTables, SourceSpan.FileStart, NoTablesMessage);
        }
        else if (tables.Value is YScalar { IsNull: true } || tables.Value is YSequence { Items.Count: 0 })
        {
            _bag.Report(DiagnosticIds.NoTables, tables.Key.Span, NoTablesMessage);
        }

        foreach (var entry in map.Entries)
        {
            if (PlatformInjected.Contains(entry.KeyText))
            {
                _bag.Report(DiagnosticIds.PlatformKey, Severity.Warning, entry.Key.Span,
                    $"'{entry.KeyText}' is set automatically by ArgoCD; a value here overrides it (intended only for local testing)");
            }
            else if (PlatformUnused.Contains(entry.KeyText) && schema.Property(entry.KeyText) is not null)
            {
                _bag.Report(DiagnosticIds.PlatformKey, Severity.Info, entry.Key.Span, $"'{entry.KeyText}' is not used by idp-dynamodb");
            }
        }

        Walk(root, schema, NodePath.Root, null);
        return true;
    }

    private const string NoTablesMessage = "No tables are defined in this values file; the idp-dynamodb release will render no resources";

    private void Walk(YNode node, SchemaNode schema, NodePath path, YEntry? holder)
    {
        if (node is YScalar { IsNull: true })
        {
            // An enum without a type (billingMode) allows null only if the enum lists it.
            bool allowsNull = schema.Types is null ? schema.Enum is null || schema.Enum.Contains("null") : schema.Allows("null");
            if (allowsNull)
            {
                return;
            }

            if (holder is not null)
            {
                if (path.ToString() != "tables")
                {
                    _bag.Report(DiagnosticIds.NullValue, holder.Key.Span, $"'{holder.KeyText}' has no value (null); remove the key or give it a value");
                }
            }
            else
            {
                _bag.Report(DiagnosticIds.WrongType, node.Span, $"{path} must be {Expected(schema)} but is null");
            }

            return;
        }

        if (!schema.Allows(node.JsonType))
        {
            ReportType(node, schema, path);
            return;
        }

        if (node is YScalar scalar)
        {
            if (schema.Enum is { } allowed && !allowed.Contains(scalar.ResolvedText))
            {
                string key = holder?.KeyText ?? path.ToString();
                _bag.Report(DiagnosticIds.NotInEnum, node.Span,
                    $"'{scalar.Text}' is not a valid {key}; expected one of {string.Join(", ", allowed)}{Suggestions.DidYouMean(scalar.Text, allowed)}");
            }

            if (scalar.IsString && schema.MinLength is int min && CodePoints(scalar.Text) < min)
            {
                _bag.Report(DiagnosticIds.EmptyString, node.Span, $"{path} must not be empty");
            }

            return;
        }

        if (node is YMapping map)
        {
            WalkMapping(map, schema, path);
        }
        else if (node is YSequence seq)
        {
            WalkSequence(seq, schema, path);
        }
    }

    private void WalkMapping(YMapping map, SchemaNode schema, NodePath path)
    {
        List<string>? unknown = null;
        foreach (var entry in map.Entries)
        {
            if (entry.Key is YScalar { IsImplicit: true, Kind: ScalarKind.Bool } boolKey)
            {
                _bag.Report(DiagnosticIds.Yaml11Scalar, boolKey.Span,
                    $"'{boolKey.Text}' is read by Helm (YAML 1.1) as boolean {boolKey.ResolvedText}, not the string '{boolKey.Text}'; quote it: '{boolKey.Text}'");
                continue;
            }

            var property = schema.Property(entry.KeyText);
            if (property is not null)
            {
                Walk(entry.Value, property, path.Child(entry.KeyText), entry);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                (unknown ??= new List<string>()).Add(entry.KeyText);
                string where = path.IsRoot ? "the top level" : path.ToString();
                string hint = entry.KeyText == "hashKey" && path.ToString().EndsWith("]") && path.ToString().Contains("localSecondaryIndex")
                    ? "; a local secondary index always uses the table's hashKey, so remove it"
                    : Suggestions.DidYouMean(entry.KeyText, schema.Properties.Select(p => p.Key));
                _bag.Report(DiagnosticIds.UnknownKey, entry.Key.Span, $"Unknown key '{entry.KeyText}' at {where}; allowed keys: {Allowed(schema)}{hint}");
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Walk(entry.Value, additional, path.Child(entry.KeyText), entry);
            }
        }

        foreach (var required in schema.Required)
        {
            if (map.Find(required) is not null)
            {
                continue;
            }

            // A misspelt key (HashKey for hashKey) is already reported as unknown with a suggestion.
            if (unknown is not null && unknown.Any(u => Suggestions.Closest(u, new[] { required }) is not null))
            {
                continue;
            }

            string where = path.IsRoot ? "the top level" : path.ToString();
            string hint = required == "nonKeyAttributes" && path.ToString().Contains("localSecondaryIndex")
                ? "; use 'nonKeyAttributes: []' when projectionType is ALL or KEYS_ONLY"
                : string.Empty;
            var anchor = map.Entries.Count > 0 ? map.Entries[0].Key.Span : map.Span;
            _bag.Report(DiagnosticIds.MissingKey, anchor, $"Missing required key '{required}' in {where}{hint}");
        }
    }

    private void WalkSequence(YSequence seq, SchemaNode schema, NodePath path)
    {
        if (schema.Items is { } items)
        {
            for (int i = 0; i < seq.Items.Count; i++)
            {
                Walk(seq.Items[i], items, path.Item(i), null);
            }
        }

        if (schema.UniqueItems)
        {
            var seen = new Dictionary<string, YNode>();
            foreach (var item in seq.Items)
            {
                if (item is not YScalar s)
                {
                    continue;
                }

                string key = s.JsonType + ":" + s.ResolvedText;
                if (seen.TryGetValue(key, out var first))
                {
                    string what = path.ToString().EndsWith("Roles") ? "Role" : "Value";
                    _bag.Report(DiagnosticIds.DuplicateRole, s.Span, $"{what} '{s.Text}' is listed twice in {path} (first at line {first.Span.Line})");
                }
                else
                {
                    seen[key] = s;
                }
            }
        }
    }

    private void ReportType(YNode node, SchemaNode schema, NodePath path)
    {
        if (node is YScalar { IsImplicit: true } s)
        {
            // 'true'/'false' are booleans in every YAML version: a plain type error (009), not a YAML 1.1 surprise.
            bool canonicalBool = s.Kind == ScalarKind.Bool && s.Text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";
            bool wantsString = schema.Allows("string") && !s.IsString && !canonicalBool;
            bool wantsBool = schema.Types!.Contains("boolean") && s.Kind != ScalarKind.Bool && !schema.Allows(s.JsonType);
            if (wantsString && s.Kind != ScalarKind.Null)
            {
                string type = s.Kind switch
                {
                    ScalarKind.Bool => "boolean",
                    ScalarKind.Int => "integer",
                    _ => "number",
                };
                _bag.Report(DiagnosticIds.Yaml11Scalar, s.Span,
                    $"'{s.Text}' is read by Helm (YAML 1.1) as {type} {s.ResolvedText}, not the string '{s.Text}'; quote it: '{s.Text}'");
                return;
            }

            if (wantsBool && s.IsString)
            {
                _bag.Report(DiagnosticIds.Yaml11Scalar, s.Span,
                    $"'{s.Text}' is read by Helm (YAML 1.1) as the string '{s.Text}', not a boolean; write true or false");
                return;
            }
        }

        string actual = node switch
        {
            YMapping => "an object",
            YSequence => "an array",
            YScalar sc => Article(sc.JsonType) + $" ('{sc.Text}')",
            _ => node.JsonType,
        };
        _bag.Report(DiagnosticIds.WrongType, node.Span, $"{path} must be {Expected(schema)} but is {actual}");
    }

    private static string Expected(SchemaNode schema)
        => schema.Types is null ? "a value" : string.Join(" or ", schema.Types.Select(Article));

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "array" => "an array",
        "object" => "an object",
        "null" => "null",
        _ => "a " + type,
    };

    private static string Allowed(SchemaNode schema) => string.Join(", ", schema.Properties.Select(p => p.Key));

    private static int CodePoints(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (!char.IsLowSurrogate(s[i]))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// Where a node is (<c>tables[0].hashKey</c>; the root is <c>(root)</c>): a link per level while walking, the text
    /// only when a message needs it.
    /// </summary>
    private sealed class NodePath
    {
        public static readonly NodePath Root = new(null, null, -1);

        private readonly NodePath? _parent;
        private readonly string? _key;
        private readonly int _index;
        private string? _text;

        private NodePath(NodePath? parent, string? key, int index)
        {
            _parent = parent;
            _key = key;
            _index = index;
        }

        public bool IsRoot => _parent is null;

        public NodePath Child(string key) => new(this, key, -1);

        public NodePath Item(int index) => new(this, null, index);

        public override string ToString() => _text ??= _parent is null ? "(root)"
            : _key is null ? $"{_parent}[{_index.ToString(CultureInfo.InvariantCulture)}]"
            : _parent.IsRoot ? _key
            : $"{_parent}.{_key}";
    }
}
