using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// The calls and creations of a compilation by the name they carry (<c>x.Configure&lt;T&gt;(...)</c> under Configure,
/// <c>new Repo(...)</c> under Repo), and the type declarations by the names of their base types: built from syntax
/// alone, once per compilation and only when a sink's value needs callers or configuration bindings, so that those
/// look-ups bind the few nodes that carry the right name and nothing else.
/// </summary>
internal sealed class SyntaxIndex
{
    private readonly Dictionary<string, List<SyntaxNode>> _calls;
    private readonly Dictionary<string, List<TypeDeclarationSyntax>> _bases;

    private SyntaxIndex(Dictionary<string, List<SyntaxNode>> calls, Dictionary<string, List<TypeDeclarationSyntax>> bases)
    {
        _calls = calls;
        _bases = bases;
    }

    public static SyntaxIndex Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var calls = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
        var bases = new Dictionary<string, List<TypeDeclarationSyntax>>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax)
                {
                    DynamoStart.Classify(node, out string? name);
                    if (name is not null)
                    {
                        Add(calls, name, node);
                    }
                }
                else if (node is TypeDeclarationSyntax { BaseList: { } list } type)
                {
                    foreach (var baseType in list.Types)
                    {
                        if (LastName(baseType.Type) is { } name)
                        {
                            Add(bases, name, type);
                        }
                    }
                }
            }
        }

        return new SyntaxIndex(calls, bases);
    }

    /// <summary>The calls of a method called <paramref name="name"/> and the creations of a type called so.</summary>
    public IReadOnlyList<SyntaxNode> Calls(string name) => _calls.TryGetValue(name, out var nodes) ? nodes : (IReadOnlyList<SyntaxNode>)Array.Empty<SyntaxNode>();

    /// <summary>The type declarations with a base type (or interface) whose name satisfies <paramref name="isName"/>.</summary>
    public IEnumerable<TypeDeclarationSyntax> TypesDerivingFrom(Func<string, bool> isName) => _bases.Where(p => isName(p.Key)).SelectMany(p => p.Value).Distinct();

    private static void Add<T>(Dictionary<string, List<T>> index, string name, T node)
    {
        if (!index.TryGetValue(name, out var nodes))
        {
            index[name] = nodes = new List<T>();
        }

        nodes.Add(node);
    }

    private static string? LastName(TypeSyntax type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        _ => null,
    };
}
