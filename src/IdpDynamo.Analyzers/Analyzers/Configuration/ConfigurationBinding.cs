using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IdpDynamo.Analyzers.Analyzers.Configuration;

/// <summary>
/// Which configuration section each options type is bound to in this compilation, for the value its
/// <c>IOptions&lt;T&gt;.Value</c> has: <c>services.Configure&lt;T&gt;(configuration.GetSection("A"))</c>,
/// <c>services.AddOptions&lt;T&gt;().Bind(configuration.GetSection("A"))</c> and <c>.BindConfiguration("A")</c> (nested
/// <c>GetSection("A").GetSection("B")</c> and <c>"A:B"</c> alike). Named options (<c>Configure&lt;T&gt;("name", ...)</c>)
/// do not change <c>.Value</c> and are ignored. A type is left unbound, so its values stay unresolved, when code may
/// set them: a <c>Configure&lt;T&gt;(o =&gt; ...)</c>, <c>PostConfigure</c>, <c>ConfigureAll</c>, an
/// <c>IConfigureOptions&lt;T&gt;</c> implementation, a binding whose section or options name is not a constant, or two
/// bindings to different sections. Built on first need: only the calls a <see cref="SyntaxIndex"/> lists under those
/// names are bound.
/// </summary>
internal sealed class ConfigurationBinding
{
    private const string DependencyInjection = "Microsoft.Extensions.DependencyInjection";

    private static readonly string[] CallNames = { "Configure", "ConfigureAll", "PostConfigure", "PostConfigureAll", "Bind", "BindConfiguration", "ConfigureOptions" };

    private readonly Dictionary<ITypeSymbol, string?> _sections = new(SymbolEqualityComparer.Default);
    private readonly ConfigurationTypes _types;
    private bool _unknownWriter;

    private ConfigurationBinding(ConfigurationTypes types) => _types = types;

    /// <summary>The section <paramref name="options"/> is bound to (<c>""</c> for the root), or null when unbound or uncertain.</summary>
    public string? SectionOf(ITypeSymbol options)
        => !_unknownWriter && _sections.TryGetValue(options.OriginalDefinition, out var section) ? section : null;

    public static ConfigurationBinding Build(ValueSources sources, CancellationToken cancellationToken)
    {
        var binding = new ConfigurationBinding(sources.Configuration);
        foreach (string name in CallNames)
        {
            foreach (var node in sources.Index.Calls(name))
            {
                if (node is InvocationExpressionSyntax && sources.Model(node.SyntaxTree, null).GetOperation(node, cancellationToken) is IInvocationOperation invocation)
                {
                    binding.Read(invocation);
                }
            }
        }

        // IConfigureOptions<T>, IPostConfigureOptions<T>, ConfigureNamedOptions<T> and the like set values in code.
        foreach (var declaration in sources.Index.TypesDerivingFrom(n => n.EndsWith("Options", StringComparison.Ordinal)))
        {
            if (sources.Model(declaration.SyntaxTree, null).GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol type)
            {
                binding.PoisonConfigurators(type);
            }
        }

        return binding;
    }

    private void Read(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var container = method.ContainingType;
        if (ConfigurationTypes.Is(container, _types.OptionsBuilder))
        {
            // optionsBuilder.Configure(o => ...), .PostConfigure(...): code sets the values of the builder's name.
            if (method.Name is "Configure" or "PostConfigure" && container.TypeArguments.Length == 1 && BuilderName(invocation.Instance) is not { Length: > 0 })
            {
                Poison(container.TypeArguments[0]);
            }

            return;
        }

        if (!IsDependencyInjection(container) || method.TypeArguments.Length != 1)
        {
            if (method.Name == "ConfigureOptions" && IsDependencyInjection(container))
            {
                _unknownWriter = true;   // services.ConfigureOptions(typeof(X)) or (instance): which options it sets is not read
            }

            return;
        }

        var options = method.TypeArguments[0];
        switch (container.Name, method.Name)
        {
            case ("OptionsConfigurationServiceCollectionExtensions", "Configure"):
                if (IsDefaultName(Argument(invocation, "name"), absentIsDefault: true) is { } isDefault)
                {
                    if (isDefault)
                    {
                        Record(options, Argument(invocation, "config") is { } config ? ConfigurationKeys.PathOf(config, _types) : null);
                    }
                }
                else
                {
                    Poison(options);
                }

                break;
            case ("OptionsServiceCollectionExtensions", "Configure" or "PostConfigure"):
                if (IsDefaultName(Argument(invocation, "name"), absentIsDefault: true) is not false)
                {
                    Poison(options);
                }

                break;
            case ("OptionsServiceCollectionExtensions", "ConfigureAll" or "PostConfigureAll"):
                Poison(options);
                break;
            case ("OptionsServiceCollectionExtensions", "ConfigureOptions"):
                PoisonConfigurators(options as INamedTypeSymbol);
                break;
            case ("OptionsBuilderConfigurationExtensions", "Bind" or "BindConfiguration"):
                string? name = BuilderName(invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                if (name is null)
                {
                    Poison(options);
                }
                else if (name.Length == 0)
                {
                    Record(options, method.Name == "Bind"
                        ? Argument(invocation, "config") is { } config ? ConfigurationKeys.PathOf(config, _types) : null
                        : Argument(invocation, "configSectionPath") is { } path ? StringResolver.Resolve(path, default).Exact : null);
                }

                break;
        }
    }

    /// <summary>
    /// The options name of an <c>OptionsBuilder&lt;T&gt;</c> expression: <c>""</c> (the default, which <c>.Value</c>
    /// reads) for <c>AddOptions&lt;T&gt;()</c>, the constant of <c>AddOptions&lt;T&gt;("name")</c>, through builder
    /// calls such as <c>.ValidateOnStart()</c>; null when the builder comes from anywhere else.
    /// </summary>
    private static string? BuilderName(IOperation? builder)
    {
        for (int i = 0; i < 16 && builder is not null; i++)
        {
            builder = RequestContext.Unwrap(builder);
            if (builder is not IInvocationOperation invocation)
            {
                return null;
            }

            var method = invocation.TargetMethod;
            if (method.Name is "AddOptions" or "AddOptionsWithValidateOnStart" && IsDependencyInjection(method.ContainingType))
            {
                return IsDefaultName(Argument(invocation, "name"), absentIsDefault: true) switch
                {
                    true => string.Empty,
                    false => StringResolver.Resolve(Argument(invocation, "name"), default).Exact,
                    null => null,
                };
            }

            // Another builder call returning the builder: .ValidateDataAnnotations(), .ValidateOnStart(), .Bind(...)...
            builder = method.ReturnType.Name == "OptionsBuilder" ? invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null) : null;
        }

        return null;
    }

    /// <summary>True for the default options name (absent, null or ""), false for another constant, null when not a constant.</summary>
    private static bool? IsDefaultName(IOperation? name, bool absentIsDefault)
    {
        if (name is null)
        {
            return absentIsDefault;
        }

        var constant = RequestContext.Unwrap(name).ConstantValue;
        if (!constant.HasValue)
        {
            return null;
        }

        return constant.Value is null or "";
    }

    private static IOperation? Argument(IInvocationOperation invocation, string parameter)
        => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value;

    private static bool IsDependencyInjection(INamedTypeSymbol? type)
        => type?.ContainingNamespace?.ToDisplayString() == DependencyInjection;

    private void PoisonConfigurators(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            _unknownWriter = true;
            return;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if ((ConfigurationTypes.Is(implemented, _types.ConfigureOptions) || ConfigurationTypes.Is(implemented, _types.PostConfigureOptions)) && implemented.TypeArguments.Length == 1)
            {
                Poison(implemented.TypeArguments[0]);
            }
        }
    }

    private void Poison(ITypeSymbol options) => _sections[options.OriginalDefinition] = null;

    private void Record(ITypeSymbol options, string? section)
    {
        var key = options.OriginalDefinition;
        if (section is null)
        {
            Poison(options);
        }
        else if (!_sections.TryGetValue(key, out var existing))
        {
            _sections[key] = section;
        }
        else if (existing is not null && !string.Equals(existing, section, StringComparison.OrdinalIgnoreCase))
        {
            Poison(options);
        }
    }
}
