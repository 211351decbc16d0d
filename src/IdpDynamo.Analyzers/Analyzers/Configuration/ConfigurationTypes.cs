namespace IdpDynamo.Analyzers.Analyzers.Configuration;

/// <summary>
/// The Microsoft.Extensions.Options and Microsoft.Extensions.Configuration types the configuration look-ups read,
/// by metadata name (null when the compilation does not reference them; nothing is referenced at compile time).
/// </summary>
internal sealed class ConfigurationTypes
{
    public ConfigurationTypes(Compilation compilation)
    {
        Options = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptions`1");
        OptionsMonitor = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IOptionsMonitor`1");
        OptionsBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.OptionsBuilder`1");
        ConfigureOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IConfigureOptions`1");
        PostConfigureOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IPostConfigureOptions`1");
        Configuration = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
        ConfigurationSection = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfigurationSection");
        Binder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationBinder");
        KeyNameAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute");
    }

    public INamedTypeSymbol? Options { get; }

    public INamedTypeSymbol? OptionsMonitor { get; }

    public INamedTypeSymbol? OptionsBuilder { get; }

    public INamedTypeSymbol? ConfigureOptions { get; }

    public INamedTypeSymbol? PostConfigureOptions { get; }

    public INamedTypeSymbol? Configuration { get; }

    public INamedTypeSymbol? ConfigurationSection { get; }

    public INamedTypeSymbol? Binder { get; }

    public INamedTypeSymbol? KeyNameAttribute { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

    /// <summary>Whether <paramref name="type"/> is IConfiguration or implements it (IConfigurationRoot, IConfigurationSection, ConfigurationManager).</summary>
    public bool IsConfiguration(ITypeSymbol? type)
        => type is not null && Configuration is not null && (Is(type, Configuration) || type.AllInterfaces.Any(i => Is(i, Configuration)));

    /// <summary>A section (IConfigurationSection or a type implementing it): the configuration of one key, not the root.</summary>
    public bool IsSection(ITypeSymbol? type)
        => type is not null && ConfigurationSection is not null && (Is(type, ConfigurationSection) || type.AllInterfaces.Any(i => Is(i, ConfigurationSection)));

    /// <summary>The key the binder reads a property from: its <c>[ConfigurationKeyName("...")]</c>, else its name.</summary>
    public string KeyOf(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (Is(attribute.AttributeClass, KeyNameAttribute) && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return property.Name;
    }
}
