using System;
using System.Linq;
using System.Text;
using IdpDynamo.Analyzers.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Tests.Generation;

/// <summary>The two gates every YAML string passes on its way into generated code: C# literals and XML doc text.</summary>
public class AccessorsEmitterTests
{
    private static readonly string[] Samples =
    {
        string.Empty, "Orders", "Quote\"Back\\slash", "Line\nBreak\r\n", "*/ </summary> <c> &amp;", "æøå 🚀",
        "\0\a\u001B\u007F\u0085\u00A0\u2028\u2029", "\uD800 lone high", "lone low \uDC00", "\uFFFE\uFFFF", "{0} $\"{x}\" @\"",
    };

    [Fact]
    public void Literal_is_a_csharp_string_literal_with_exactly_the_value()
    {
        foreach (var value in Samples.Concat(RandomStrings()))
        {
            string literal = AccessorsEmitter.Literal(value);
            Assert.True(literal.All(c => c >= 0x20 && c <= 0x7E), $"Not printable ASCII: {literal}");
            var expression = Assert.IsType<LiteralExpressionSyntax>(SyntaxFactory.ParseExpression(literal));
            Assert.Empty(expression.GetDiagnostics());
            Assert.Equal(value, expression.Token.ValueText);
        }
    }

    [Fact]
    public void Xml_is_well_formed_doc_comment_text_on_one_line()
    {
        foreach (var value in Samples.Concat(RandomStrings()))
        {
            string xml = AccessorsEmitter.Xml(value);
            string source = $"/// <summary>{xml}</summary>\npublic class C {{ }}\n";
            var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose));
            Assert.Empty(tree.GetDiagnostics());
            Assert.Single(tree.GetRoot().DescendantTrivia(), t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia));
            Assert.DoesNotContain(xml, c => c < 0x20 || c is '\u0085' or '\u2028' or '\u2029' or '<' or '>');
            Assert.True(IsWellFormedUtf16(xml), $"Unpaired surrogate in {xml}");
        }
    }

    private static bool IsWellFormedUtf16(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] RandomStrings()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 200).Select(_ =>
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 40);
            for (int i = 0; i < length; i++)
            {
                sb.Append((char)(random.Next(4) == 0 ? random.Next(0, 0x80) : random.Next(0, 0x10000)));
            }

            return sb.ToString();
        }).ToArray();
    }
}
