using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// The simple names C# can spell when it calls, creates or assigns something of the AWS SDK's <c>Amazon.DynamoDBv2</c>
/// namespaces: the names of the types declared there (nested ones too) and of their members, plus every using-alias name
/// of the compilation (<c>using Q = Amazon.DynamoDBv2.Model.QueryRequest;</c> hides the type's name). It is the syntactic
/// pre-filter of <see cref="DynamoStart"/>'s dispatch (<see cref="NodeFilter.SdkNames"/>): a node that names nothing of these cannot bind to the
/// SDK, so its method body is never bound for our sake.
/// </summary>
/// <remarks>
/// The SDK's names are read once per assembly (<see cref="INamedTypeSymbol.MemberNames"/>: names only, no member
/// symbols) and kept as long as the assembly symbol lives, so an IDE's new compilation after each edit reuses them;
/// the source's own <c>Amazon.DynamoDBv2</c> types (stubs, extension classes) and the aliases are read per compilation.
/// Which methods take a parameter of a given name, and which types have a member of a given name (a property,
/// inherited ones too, or a constructor parameter), needs member symbols: they are read per name asked about
/// (<see cref="Takes"/>, <see cref="Has"/>), only of the types that declare that name, and each answer is kept.
/// </remarks>
internal sealed class DynamoNames
{
    private static readonly ConditionalWeakTable<IAssemblySymbol, Declared> ByAssembly = new();
    private static readonly ConditionalWeakTable<Compilation, DynamoNames> ByCompilation = new();

    private readonly HashSet<string> _types;
    private readonly HashSet<string> _members;
    private readonly HashSet<string> _aliases;
    private readonly Declared[] _declared;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Part), bool> _takes = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Part), bool> _has = new();

    private DynamoNames(HashSet<string> types, HashSet<string> members, HashSet<string> aliases, Declared[] declared)
    {
        _types = types;
        _members = members;
        _aliases = aliases;
        _declared = declared;
    }

    /// <summary>The names of a compilation, computed once and shared by every analyzer of the package.</summary>
    public static DynamoNames Get(Compilation compilation) => ByCompilation.GetValue(compilation, Create);

    /// <summary>Whether <paramref name="name"/> may name an SDK type (or an alias of one) in a <c>new</c> expression.</summary>
    public bool IsType(string name) => _types.Contains(name);

    /// <summary>Whether <paramref name="name"/> is the name of a member (method, property, ...) of an SDK type.</summary>
    public bool IsMember(string name) => _members.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a using alias of the compilation (it may stand for any SDK type).</summary>
    public bool IsAlias(string name) => _aliases.Contains(name);

    /// <summary>Whether some SDK method named <paramref name="method"/> has a parameter named <paramref name="parameter"/>.</summary>
    public bool Takes(string method, string parameter)
        => _members.Contains(method) && Answer((method, parameter), static (d, key) => d.Takes(key.Name, key.Part), _takes);

    /// <summary>
    /// Whether the SDK type named <paramref name="type"/> has a property <paramref name="member"/> (declared or
    /// inherited) or a constructor parameter of that name (first letter upper-cased: <c>tableName</c> is <c>TableName</c>).
    /// </summary>
    public bool Has(string type, string member)
        => _types.Contains(type) && Answer((type, member), static (d, key) => d.Has(key.Name, key.Part), _has);

    private bool Answer((string Name, string Part) key, Func<Declared, (string Name, string Part), bool> ask, System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Part), bool> answers)
    {
        if (answers.TryGetValue(key, out bool known))
        {
            return known;
        }

        bool answer = false;
        foreach (var declared in _declared)
        {
            answer |= ask(declared, key);
        }

        return answers[key] = answer;
    }

    private static DynamoNames Create(Compilation compilation)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        var members = new HashSet<string>(StringComparer.Ordinal);
        var declared = new List<Declared>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            declared.Add(ByAssembly.GetValue(assembly, Declared.Of));
        }

        declared.Add(Declared.Of(compilation.Assembly));
        foreach (var names in declared)
        {
            names.AddTo(types, members);
        }

        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax root)
            {
                AddAliases(root.Usings, root.Members, aliases);
            }
        }

        types.UnionWith(aliases);
        return new DynamoNames(types, members, aliases, declared.Where(d => !d.IsEmpty).ToArray());
    }

    /// <summary>Alias names of the file's and its namespaces' using directives (global ones included).</summary>
    private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, SyntaxList<MemberDeclarationSyntax> members, HashSet<string> names)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias)
            {
                names.Add(alias.Name.Identifier.ValueText);
            }
        }

        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                AddAliases(ns.Usings, ns.Members, names);
            }
        }
    }

    /// <summary>The type and member names one assembly declares in <c>Amazon.DynamoDBv2</c> and its sub-namespaces.</summary>
    private sealed class Declared
    {
        private static readonly Declared Empty = new(Array.Empty<string>(), Array.Empty<string>(), Array.Empty<INamedTypeSymbol>());

        private readonly IReadOnlyCollection<string> _types;
        private readonly IReadOnlyCollection<string> _members;
        private readonly Dictionary<string, List<INamedTypeSymbol>> _byTypeName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<INamedTypeSymbol>> _byMemberName = new(StringComparer.Ordinal);

        private Declared(IReadOnlyCollection<string> types, IReadOnlyCollection<string> members, IReadOnlyList<INamedTypeSymbol> symbols)
        {
            _types = types;
            _members = members;
            foreach (var type in symbols)
            {
                Add(_byTypeName, type.Name, type);
                foreach (var name in type.MemberNames)
                {
                    Add(_byMemberName, name, type);
                }
            }
        }

        public bool IsEmpty => _byTypeName.Count == 0;

        /// <summary>Whether a method <paramref name="method"/> of the assembly's types has a parameter <paramref name="parameter"/>.</summary>
        public bool Takes(string method, string parameter)
        {
            if (!_byMemberName.TryGetValue(method, out var types))
            {
                return false;
            }

            foreach (var type in types)
            {
                foreach (var member in type.GetMembers(method))
                {
                    if (member is IMethodSymbol candidate && candidate.Parameters.Any(p => p.Name == parameter))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether a type <paramref name="type"/> of the assembly has a property or constructor parameter <paramref name="member"/>.</summary>
        public bool Has(string type, string member)
        {
            if (!_byTypeName.TryGetValue(type, out var types))
            {
                return false;
            }

            foreach (var candidate in types)
            {
                for (var t = candidate; t is not null && DynamoSdk.IsDynamo(t); t = t.BaseType)
                {
                    if (t.MemberNames.Contains(member) && t.GetMembers(member).Any(m => m is IPropertySymbol))
                    {
                        return true;
                    }
                }

                if (candidate.InstanceConstructors.Any(c => c.Parameters.Any(p => p.Name.Length == member.Length
                    && char.ToUpperInvariant(p.Name[0]) == member[0] && string.CompareOrdinal(p.Name, 1, member, 1, member.Length - 1) == 0)))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Add(Dictionary<string, List<INamedTypeSymbol>> map, string key, INamedTypeSymbol type)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<INamedTypeSymbol>();
            }

            list.Add(type);
        }

        public static Declared Of(IAssemblySymbol assembly)
        {
            // Same scope as DynamoSdk.IsDynamo: a top-level namespace Amazon with DynamoDBv2 below it.
            var types = new HashSet<string>(StringComparer.Ordinal);
            var members = new HashSet<string>(StringComparer.Ordinal);
            var symbols = new List<INamedTypeSymbol>();
            foreach (var amazon in assembly.GlobalNamespace.GetNamespaceMembers())
            {
                if (amazon.Name != "Amazon")
                {
                    continue;
                }

                foreach (var dynamo in amazon.GetNamespaceMembers())
                {
                    if (dynamo.Name == "DynamoDBv2")
                    {
                        AddNamespace(dynamo, types, members, symbols, publicOnly: assembly is not ISourceAssemblySymbol);
                    }
                }
            }

            return types.Count == 0 ? Empty : new Declared(types, members, symbols);
        }

        public void AddTo(HashSet<string> types, HashSet<string> members)
        {
            types.UnionWith(_types);
            members.UnionWith(_members);
        }

        /// <summary>
        /// The namespace's types, nested ones too; of a referenced assembly only those the project can name (public,
        /// or protected nested in public), so an internal type's method (the SDK's internal
        /// <c>MultiBatchGet.Results.Add(tableName, items)</c>) makes no ordinary <c>Add</c> call a candidate.
        /// </summary>
        private static void AddNamespace(INamespaceSymbol ns, HashSet<string> types, HashSet<string> members, List<INamedTypeSymbol> symbols, bool publicOnly)
        {
            foreach (var type in ns.GetTypeMembers())
            {
                AddType(type, types, members, symbols, publicOnly);
            }

            foreach (var inner in ns.GetNamespaceMembers())
            {
                AddNamespace(inner, types, members, symbols, publicOnly);
            }
        }

        private static void AddType(INamedTypeSymbol type, HashSet<string> types, HashSet<string> members, List<INamedTypeSymbol> symbols, bool publicOnly)
        {
            if (publicOnly && type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return;
            }

            types.Add(type.Name);
            members.UnionWith(type.MemberNames);
            symbols.Add(type);
            foreach (var nested in type.GetTypeMembers())
            {
                AddType(nested, types, members, symbols, publicOnly);
            }
        }
    }
}
