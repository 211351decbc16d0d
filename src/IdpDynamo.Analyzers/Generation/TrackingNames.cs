namespace IdpDynamo.Analyzers.Generation;

/// <summary>Names of the generator's pipeline steps, so caching tests can assert on each of them.</summary>
internal static class TrackingNames
{
    public const string ParseValuesFile = nameof(ParseValuesFile);
    public const string ReadOptions = nameof(ReadOptions);
    public const string DetectSdk = nameof(DetectSdk);
    public const string MergeSchema = nameof(MergeSchema);
}
