using System.IO;
using System.Runtime.CompilerServices;

namespace IdpDynamo.Analyzers.Analyzers.Configuration;

/// <summary>One value a configuration key has in one appsettings file, and where the file writes it.</summary>
internal readonly record struct SettingValue(string Value, string FileName, Location Location);

/// <summary>
/// The project's appsettings files (the AdditionalFiles the package marks IdpDynamoAppSettings): each read once per
/// <see cref="AdditionalText"/>, then looked up as the configuration binder does, by <c>:</c>-separated keys compared
/// ignoring case. Files are ordered appsettings.json first, then the others by name, so a value's first file is
/// the base file when it has the value.
/// </summary>
internal sealed class AppSettings
{
    public const string MetadataKey = "build_metadata.AdditionalFiles.IdpDynamoAppSettings";

    private static readonly ConditionalWeakTable<AnalyzerOptions, AppSettings> ByOptions = new();
    private static readonly ConditionalWeakTable<AdditionalText, ParsedFile> ByText = new();

    private readonly IReadOnlyList<ParsedFile> _files;

    private AppSettings(IReadOnlyList<ParsedFile> files) => _files = files;

    public bool IsEmpty => _files.Count == 0;

    /// <summary>The appsettings of <paramref name="options"/>, read on first use and shared by every rule of the compilation.</summary>
    public static AppSettings Get(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (ByOptions.TryGetValue(options, out var cached))
        {
            return cached;
        }

        var files = new List<ParsedFile>();
        foreach (var text in options.AdditionalFiles)
        {
            if (options.AnalyzerConfigOptionsProvider.GetOptions(text).TryGetValue(MetadataKey, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(ByText.GetValue(text, t => ParsedFile.Read(t, cancellationToken)));
            }
        }

        var ordered = files.OrderBy(f => string.Equals(f.FileName, "appsettings.json", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(f => f.FileName, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
        return ByOptions.GetValue(options, _ => new AppSettings(ordered));
    }

    /// <summary>
    /// The distinct string values of <paramref name="key"/> over the files, each with the first file that has it;
    /// empty when no file sets the key to a string (it may come from the environment, which is not read).
    /// </summary>
    public IReadOnlyList<SettingValue> Values(string key)
    {
        var values = new List<SettingValue>();
        foreach (var file in _files)
        {
            if (file.Settings is { } settings && settings.TryGetValue(key, out var setting) && !values.Any(v => v.Value == setting.Value))
            {
                var span = setting.Span;
                values.Add(new SettingValue(setting.Value, file.FileName, Location.Create(file.Path, span, file.Text!.Lines.GetLinePositionSpan(span))));
            }
        }

        return values;
    }

    /// <summary>One appsettings file: its settings by key (null when the file cannot be read or is not valid).</summary>
    private sealed class ParsedFile
    {
        private ParsedFile(string path, Microsoft.CodeAnalysis.Text.SourceText? text, Dictionary<string, JsonSetting>? settings)
        {
            Path = path;
            FileName = System.IO.Path.GetFileName(path);
            Text = text;
            Settings = settings;
        }

        public string Path { get; }

        public string FileName { get; }

        public Microsoft.CodeAnalysis.Text.SourceText? Text { get; }

        public Dictionary<string, JsonSetting>? Settings { get; }

        public static ParsedFile Read(AdditionalText file, CancellationToken cancellationToken)
        {
            Microsoft.CodeAnalysis.Text.SourceText? text;
            try
            {
                text = file.GetText(cancellationToken);
            }
            catch (IOException)
            {
                text = null;
            }

            var settings = text is null ? null : JsonSettingsReader.Read(text.ToString());
            return new ParsedFile(file.Path, text, settings?.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase));
        }
    }
}
