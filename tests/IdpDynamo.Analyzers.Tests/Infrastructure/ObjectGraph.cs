using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace IdpDynamo.Analyzers.Tests.Infrastructure;

/// <summary>
/// Walks an object graph (fields, including private ones and those of base types, and the items of collections) and
/// fails on the Roslyn objects that break incremental caching or keep a whole compilation alive when they sit in a
/// pipeline model: <see cref="Compilation"/>, <see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="SyntaxTree"/>
/// and <see cref="Location"/>.
/// </summary>
internal static class ObjectGraph
{
    private static readonly Type[] Banned = { typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location) };

    public static void AssertNoRoslynObjects(object? root, string name)
        => Walk(root, name, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or DateTime or Type)
        {
            return;
        }

        var banned = Banned.FirstOrDefault(b => b.IsInstanceOfType(value));
        Assert.True(banned is null, $"{path} holds a {banned?.Name} ({type.FullName}); pipeline models must hold only value-equatable data");

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
