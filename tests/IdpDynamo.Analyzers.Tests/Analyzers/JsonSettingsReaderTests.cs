using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using IdpDynamo.Analyzers.Analyzers.Configuration;
using Microsoft.Extensions.Configuration;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The appsettings reader: what the JSON configuration provider accepts (comments, trailing commas, nested objects
/// flattened to <c>A:B</c>, arrays to <c>A:0</c>), the span of each string value, and null for what it rejects
/// (malformed text, a top level that is not an object, a key repeated ignoring case). Each input is also read by the
/// real JSON configuration provider (Microsoft.Extensions.Configuration.Json 8.0.0): the reader's values are the
/// provider's, and what the reader rejects the provider rejects.
/// </summary>
public class JsonSettingsReaderTests
{
    [Fact]
    public void Flattens_nested_objects_and_arrays_and_skips_comments_and_trailing_commas()
    {
        const string text = """
            {
              // a comment
              "Shipping": { "Table": "Shi\u0070ments", "Retries": 3, "On": true, "None": null, },
              /* block */ "Tables": [ "A", { "B": "b" }, ],
              "Escaped": "a\"b\\c\/d\n",
            }
            """;

        var settings = JsonSettingsReader.Read(text)!;

        AssertSameAsProvider(text, settings);
        Assert.Equal(
            new[] { ("Shipping:Table", "Shipments"), ("Tables:0", "A"), ("Tables:1:B", "b"), ("Escaped", "a\"b\\c/d\n") },
            settings.Select(s => (s.Key, s.Value)).ToArray());
        var table = settings[0].Span;
        Assert.Equal("\"Shi\\u0070ments\"", text.Substring(table.Start, table.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{ \"A\": ")]
    [InlineData("{ \"A\": \"x\" ")]
    [InlineData("{ \"A\": \"x\" } }")]
    [InlineData("{ \"A\": 'x' }")]
    [InlineData("{ A: \"x\" }")]
    [InlineData("{ \"A\": \"x\" \"B\": \"y\" }")]
    [InlineData("{ \"A\": \"x\", \"a\": \"y\" }")]
    [InlineData("{ \"A\": { \"B\": 1 }, \"a:b\": 2 }")]
    [InlineData("{ \"A\": \"x\" } /* unterminated")]
    [InlineData("{ \"A\": \"\\q\" }")]
    [InlineData("{ \"A\": nope }")]
    public void Rejects_what_the_provider_rejects(string text)
    {
        Assert.Null(JsonSettingsReader.Read(text));
        Assert.ThrowsAny<Exception>(() => Provider(text));
    }

    [Fact]
    public void Keeps_a_key_that_repeats_only_as_an_object_path()
    {
        const string text = "{ \"A\": { \"x\": \"1\" }, \"A\": { \"y\": \"2\" } }";
        var settings = JsonSettingsReader.Read(text)!;

        AssertSameAsProvider(text, settings);
        Assert.Equal(new[] { "A:x", "A:y" }, settings.Select(s => s.Key).ToArray());
    }

    /// <summary>Every string the reader found is the provider's value of that key; every other key of the provider holds no string.</summary>
    private static void AssertSameAsProvider(string text, IReadOnlyList<JsonSetting> settings)
    {
        var provider = Provider(text);
        foreach (var setting in settings)
        {
            Assert.Equal(setting.Value, provider[setting.Key]);
        }

        var ours = new HashSet<string>(settings.Select(s => s.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in provider.AsEnumerable().Where(p => p.Value is not null && !ours.Contains(p.Key)))
        {
            Assert.True(value is "" or "True" or "False" or "true" or "false" || double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _),
                $"the provider has '{key}' = '{value}', which the reader left out");
        }
    }

    private static IConfigurationRoot Provider(string text)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(text))).Build();
}
