using IdpDynamo.Analyzers.Generation;

namespace IdpDynamo.Analyzers.Validation;

/// <summary>The MSBuild side of live validation (CompilerVisibleProperty / CompilerVisibleItemMetadata in IdpDynamo.Build.props).</summary>
internal static class LiveValidationOptions
{
    /// <summary>$(IdpDynamoLiveValidation): true in design-time builds by default, false otherwise.</summary>
    public const string EnabledKey = "build_property.IdpDynamoLiveValidation";

    /// <summary>$(IdpDynamoChartVersion): the chart version of files no application.yaml pins one for.</summary>
    public const string ChartVersionKey = "build_property.IdpDynamoChartVersion";

    /// <summary>$(IdpDynamoGeneratedClassName), as the MSBuild task reads it for IDPDYN129.</summary>
    public const string ClassNameKey = "build_property.IdpDynamoGeneratedClassName";

    /// <summary>The IdpDynamoValues item's ChartVersion metadata.</summary>
    public const string ItemChartVersionKey = "build_metadata.AdditionalFiles.IdpDynamoChartVersion";

    /// <summary>Marks the application.yaml beside a values file (added by IdpDynamo.Build.targets when live validation is on).</summary>
    public const string ApplicationYamlKey = "build_metadata.AdditionalFiles.IdpDynamoApplicationYaml";

    /// <summary>Marks the repository file the targets write: the apps repository's namespaces and roles.</summary>
    public const string RepositoryKey = "build_metadata.AdditionalFiles.IdpDynamoRepository";

    public static bool IsEnabled(AnalyzerConfigOptions global) => IsTrue(global, EnabledKey);

    public static bool IsTrue(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Read(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The class name the task passes to the validator: the property trimmed, else the default.</summary>
    public static string ClassName(AnalyzerConfigOptions global) => Read(global, ClassNameKey) ?? GenerationOptions.DefaultClassName;
}
