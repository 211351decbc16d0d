using IdpDynamo.Schema.Model;
using IdpDynamo.Schema.Text;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>A declared table as the analyzers see it: the first definition over all values files of the project.</summary>
internal sealed class CatalogTable
{
    public CatalogTable(AccessorTable accessor, string accessorRoot, string fullPath)
    {
        Spec = accessor.Table;
        File = accessor.SourcePath;
        FullPath = fullPath;
        Namespaces = accessor.Environments.ToList();
        Declarations = accessor.Declarations.ToList();
        AccessorPath = accessorRoot + "." + accessor.Identifier;
        IndexIdentifiers = accessor.Indexes.ToDictionary(m => m.Name, m => m.Identifier, StringComparer.Ordinal);
        AttributeIdentifiers = accessor.Attributes.ToDictionary(m => m.Name, m => m.Identifier, StringComparer.Ordinal);
        var spec = accessor.Table;
        foreach (var index in spec.LocalIndexes.Concat(spec.GlobalIndexes))
        {
            if (index.Name is { Value.Length: > 0 } name && !Indexes.ContainsKey(name.Value))
            {
                Indexes[name.Value] = index;
            }
        }
    }

    public string Name => Spec.Name!.Value;

    public TableSpec Spec { get; }

    /// <summary>The repository-relative path of the values file, for messages.</summary>
    public string File { get; }

    /// <summary>The path of that values file as the compiler has it (AdditionalFiles), for locations in it.</summary>
    public string FullPath { get; }

    public int Line => Spec.Name!.Span.Line;

    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>Each values file's definition of the table: its namespace, file, line and the roles it grants there.</summary>
    public IReadOnlyList<TableDeclaration> Declarations { get; }

    /// <summary>The generated class, e.g. <c>global::Webshop.Orders.DynamoTables.CustomerOrders</c>.</summary>
    public string AccessorPath { get; }

    public string? HashKey => Spec.HashKey?.Value is { Length: > 0 } h ? h : null;

    public string? RangeKey => Spec.RangeKey?.Value is { Length: > 0 } r ? r : null;

    public Dictionary<string, IndexSpec> Indexes { get; } = new(StringComparer.Ordinal);

    /// <summary>Generated member names of the indexes (<c>Indexes.X</c>) and attributes (<c>Attributes.X</c>).</summary>
    public Dictionary<string, string> IndexIdentifiers { get; }

    public Dictionary<string, string> AttributeIdentifiers { get; }

    /// <summary>The generated constant for a key attribute: HashKey, RangeKey or Attributes.X.</summary>
    public string? AttributeAccessor(string attribute)
        => attribute == HashKey ? AccessorPath + ".HashKey"
            : attribute == RangeKey ? AccessorPath + ".RangeKey"
            : AttributeIdentifiers.TryGetValue(attribute, out var id) ? AccessorPath + ".Attributes." + id : null;

    public string? TypeOf(string attribute) => Spec.TypeOf(attribute);
}

/// <summary>Everything the values files of a project declare, and how a name in code matches a table.</summary>
internal sealed class DynamoCatalog
{
    private readonly Dictionary<string, CatalogTable> _byName;
    private readonly Dictionary<string, CatalogTable> _byAccessor;

    public DynamoCatalog(IReadOnlyList<CatalogTable> tables, IReadOnlyList<string> namespaces, string? serviceRole, string? accessorRoot, string className = "DynamoTables")
    {
        ClassName = className;
        Tables = tables;
        Namespaces = namespaces;
        ServiceRole = serviceRole;
        AccessorRoot = accessorRoot;
        _byName = new Dictionary<string, CatalogTable>(StringComparer.Ordinal);
        _byAccessor = new Dictionary<string, CatalogTable>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            _byName[table.Name] = table;
            _byAccessor[table.AccessorPath] = table;
        }
    }

    public IReadOnlyList<CatalogTable> Tables { get; }

    public IReadOnlyList<string> Namespaces { get; }

    /// <summary>IdpDynamoServiceRole; <c>&lt;ns&gt;</c> in it stands for the namespace of each values file.</summary>
    public string? ServiceRole { get; }

    /// <summary>The generated root class (<c>global::Ns.DynamoTables</c>) when the generator runs in this compilation.</summary>
    public string? AccessorRoot { get; }

    public string ClassName { get; }

    /// <summary>An accessor for messages: <c>DynamoTables.Orders.Name</c> instead of <c>global::Ns.DynamoTables.Orders.Name</c>.</summary>
    public string Display(string accessor)
        => AccessorRoot is { } root && accessor.StartsWith(root, StringComparison.Ordinal) ? ClassName + accessor.Substring(root.Length) : accessor;

    public CatalogTable? ByLogicalName(string name) => _byName.TryGetValue(name, out var t) ? t : null;

    /// <summary>
    /// The one declared table a table-name expression names, the resolution every check that needs the table uses: a
    /// generated accessor (<c>DynamoTables.Orders.TableName</c>, <c>TableNameIn(ns)</c>; correct by construction), an
    /// exact string matched as <see cref="Match"/> does (a logical or rendered name, an ARN), or a constant tail that
    /// names one table only (<see cref="TailTable"/>). Null when unresolved, undeclared, or a tail several tables share.
    /// </summary>
    public CatalogTable? Resolve(Microsoft.CodeAnalysis.IOperation? value, System.Threading.CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }

        var unwrapped = RequestContext.Unwrap(value);
        Microsoft.CodeAnalysis.ISymbol? member = unwrapped switch
        {
            Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation p => p.Property,
            Microsoft.CodeAnalysis.Operations.IInvocationOperation i => i.TargetMethod,
            _ => null,
        };
        if (member is { Name: "TableName" or "TableNameIn", ContainingType: { } type } && Accessor(type) is { } generated)
        {
            return generated;
        }

        var resolved = StringResolver.Resolve(value, cancellationToken);
        return resolved.Exact is { } name ? Match(name) : resolved.Tail is { } tail ? TailTable(tail) : null;
    }

    /// <summary>
    /// The table a constant tail after an unknown head names (<c>$"{prefix}Orders"</c> with a prefix that ends in
    /// '-', <c>$"{ns}-Orders"</c>): only when the tail holds the '-' before the name, so that it reaches the start of the
    /// table's name, and exactly one declared table fits it. <c>"-Orders"</c> names Orders, but not when a table
    /// <c>Customer-Orders</c> is declared too; <c>"Orders"</c> alone could be the end of CustomerOrders: no table.
    /// IDPDYN201 asks the weaker question (<see cref="TailMatches"/>: can any declared table fit?).
    /// </summary>
    public CatalogTable? TailTable(string tail)
    {
        if (tail.IndexOf('-') < 0)
        {
            return null;
        }

        CatalogTable? found = null;
        foreach (var table in Tables)
        {
            string rendered = "-" + table.Name;
            if (rendered.EndsWith(tail, StringComparison.Ordinal) || tail.EndsWith(rendered, StringComparison.Ordinal))
            {
                if (found is not null)
                {
                    return null;
                }

                found = table;
            }
        }

        return found;
    }

    /// <summary>
    /// The table whose generated accessor class <paramref name="type"/> is: one display string per type symbol, then
    /// cached (weakly: the catalog outlives compilations in an IDE, the symbols must not).
    /// </summary>
    private CatalogTable? Accessor(Microsoft.CodeAnalysis.INamedTypeSymbol type)
        => _accessorsByType.GetValue(type, t => new Box(_byAccessor.TryGetValue(t.ToDisplayString(Microsoft.CodeAnalysis.SymbolDisplayFormat.FullyQualifiedFormat), out var table) ? table : null)).Table;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.CodeAnalysis.INamedTypeSymbol, Box> _accessorsByType = new();

    private sealed class Box
    {
        public Box(CatalogTable? table) => Table = table;

        public CatalogTable? Table { get; }
    }

    /// <summary>
    /// The table an exact string names: the logical name, a rendered name (<c>[idp-]&lt;ns&gt;-&lt;name&gt;</c> for any
    /// namespace, since other environments exist), or a table ARN ending in either.
    /// </summary>
    public CatalogTable? Match(string value)
    {
        int arn = value.IndexOf(":table/", StringComparison.Ordinal);
        if (value.StartsWith("arn:", StringComparison.Ordinal) && arn > 0)
        {
            value = value.Substring(arn + 7);
            int slash = value.IndexOf('/');
            if (slash >= 0)
            {
                value = value.Substring(0, slash);
            }
        }

        if (_byName.TryGetValue(value, out var exact))
        {
            return exact;
        }

        // The longest declared name that the value ends with after a '-': <ns>-Orders, idp-<ns>-Orders.
        CatalogTable? best = null;
        foreach (var table in Tables)
        {
            if (value.Length > table.Name.Length && value.EndsWith(table.Name, StringComparison.Ordinal) && value[value.Length - table.Name.Length - 1] == '-'
                && (best is null || table.Name.Length > best.Name.Length))
            {
                best = table;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether the constant tail of a string with a non-constant head (<c>$"{ns}-Orders"</c>, <c>prefix + "Orders"</c>)
    /// can name a declared table. Tails without a name part (<c>"-"</c>) are undecidable and count as a match.
    /// </summary>
    public bool TailMatches(string tail, out CatalogTable? table)
    {
        table = null;
        if (tail.Trim('-', '.', '_', ':', '/').Length == 0)
        {
            return true;
        }

        foreach (var t in Tables)
        {
            string rendered = "-" + t.Name;
            if (rendered.EndsWith(tail, StringComparison.Ordinal) || tail.EndsWith(rendered, StringComparison.Ordinal) || tail == t.Name)
            {
                table = t;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>; did you mean 'Orders' or 'Order'?</c>: the declared tables nearest to a name (<see cref="Suggestions.Nearest"/>),
    /// or to its part after the last '-' (a rendered name); empty when none is near.
    /// </summary>
    public string DidYouMeanTable(string value)
    {
        var names = Tables.Select(t => t.Name).ToList();
        string suggestion = Suggestions.DidYouMeanAny(value, names);
        int dash = value.LastIndexOf('-');
        if (suggestion.Length == 0 && dash >= 0 && dash + 1 < value.Length)
        {
            suggestion = Suggestions.DidYouMeanAny(value.Substring(dash + 1), names);
        }

        return suggestion;
    }

    /// <summary>The tables whose indexes include <paramref name="index"/>.</summary>
    public IEnumerable<CatalogTable> TablesWithIndex(string index) => Tables.Where(t => t.Indexes.ContainsKey(index));

    /// <summary>The role name the service uses in the namespace of <paramref name="table"/>'s values files.</summary>
    public IEnumerable<string> ServiceRolesFor(CatalogTable table)
    {
        if (ServiceRole is null)
        {
            yield break;
        }

        if (ServiceRole.IndexOf("<ns>", StringComparison.Ordinal) < 0)
        {
            yield return ServiceRole;
            yield break;
        }

        foreach (var ns in table.Namespaces)
        {
            yield return ServiceRole.Replace("<ns>", ns);
        }
    }
}
