using System;

namespace IdpDynamo.Schema.Tests.Infrastructure;

/// <summary>Edits of a known-good values file that break it in exactly one place.</summary>
internal static class YamlEdit
{
    /// <summary><paramref name="yaml"/> with its only occurrence of <paramref name="oldText"/> replaced (the test fails if there are none or several).</summary>
    public static string Replace(string yaml, string oldText, string newText)
    {
        int at = yaml.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0 && yaml.IndexOf(oldText, at + 1, StringComparison.Ordinal) < 0, $"'{oldText}' must occur exactly once in the YAML");
        return yaml.Substring(0, at) + newText + yaml.Substring(at + oldText.Length);
    }
}
