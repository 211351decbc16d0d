using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
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
/// </remarks>
internal sealed class DynamoNames
{
    private static readonly ConditionalWeakTable<IAssemblySymbol, Declared> ByAssembly = new();
    private static readonly ConditionalWeakTable<Compilation, DynamoNames> ByCompilation = new();

    private readonly HashSet<string> _types;
    private readonly HashSet<string> _members;
    private readonly HashSet<string> _aliases;

    private DynamoNames(HashSet<string> types, HashSet<string> members, HashSet<string> aliases)
    {
        _types = types;
        _members = members;
        _aliases = aliases;
    }

    /// <summary>The names of a compilation, computed once and shared by every analyzer of the package.</summary>
    public static DynamoNames Get(Compilation compilation) => ByCompilation.GetValue(compilation, Create);

    /// <summary>Whether <paramref name="name"/> may name an SDK type (or an alias of one) in a <c>new</c> expression.</summary>
    public bool IsType(string name) => _types.Contains(name);

    /// <summary>Whether <paramref name="name"/> is the name of a member (method, property, ...) of an SDK type.</summary>
    public bool IsMember(string name) => _members.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a using alias of the compilation (it may stand for any SDK type).</summary>
    public bool IsAlias(string name) => _aliases.Contains(name);

    private static DynamoNames Create(Compilation compilation)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            ByAssembly.GetValue(assembly, Declared.Of).AddTo(types, members);
        }

        Declared.Of(compilation.Assembly).AddTo(types, members);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax root)
            {
                AddAliases(root.Usings, root.Members, aliases);
            }
        }

        types.UnionWith(aliases);
        return new DynamoNames(types, members, aliases);
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
        private static readonly Declared Empty = new(Array.Empty<string>(), Array.Empty<string>());

        private readonly IReadOnlyCollection<string> _types;
        private readonly IReadOnlyCollection<string> _members;

        private Declared(IReadOnlyCollection<string> types, IReadOnlyCollection<string> members)
        {
            _types = types;
            _members = members;
        }

        public static Declared Of(IAssemblySymbol assembly)
        {
            // Same scope as DynamoSdk.IsDynamo: a top-level namespace Amazon with DynamoDBv2 below it.
            var types = new HashSet<string>(StringComparer.Ordinal);
            var members = new HashSet<string>(StringComparer.Ordinal);
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
                        AddNamespace(dynamo, types, members);
                    }
                }
            }

            return types.Count == 0 ? Empty : new Declared(types, members);
        }

        public void AddTo(HashSet<string> types, HashSet<string> members)
        {
            types.UnionWith(_types);
            members.UnionWith(_members);
        }

        private static void AddNamespace(INamespaceSymbol ns, HashSet<string> types, HashSet<string> members)
        {
            foreach (var type in ns.GetTypeMembers())
            {
                AddType(type, types, members);
            }

            foreach (var inner in ns.GetNamespaceMembers())
            {
                AddNamespace(inner, types, members);
            }
        }

        private static void AddType(INamedTypeSymbol type, HashSet<string> types, HashSet<string> members)
        {
            types.Add(type.Name);
            members.UnionWith(type.MemberNames);
            foreach (var nested in type.GetTypeMembers())
            {
                AddType(nested, types, members);
            }
        }
    }
}
