using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IdpDynamo.Analyzers.Analyzers.Configuration;

namespace IdpDynamo.Analyzers.Analyzers.Infrastructure;

/// <summary>
/// One value a sink can have that comes from outside the sink's expression: a caller's argument (<see cref="At"/>,
/// where it is reported) or an appsettings file (<see cref="Origin"/>, the JSON value, an additional location, and
/// <see cref="OriginText"/>, which names the key and the file in the message).
/// </summary>
internal readonly record struct SourcedString(ResolvedString Value, Location? At, Location? Origin, string? OriginText)
{
    /// <summary>Where to report: the caller's argument, else the sink.</summary>
    public Location LocationOr(IOperation sink) => At ?? sink.Syntax.GetLocation();

    public IEnumerable<Location> AdditionalLocations => Origin is null ? Array.Empty<Location>() : new[] { Origin };

    /// <summary><c> (Shipping:ShipmentsTable in appsettings.Production.json)</c>, or empty.</summary>
    public string Suffix => OriginText is null ? string.Empty : $" ({OriginText})";
}

/// <summary>
/// What a sink's value resolves to: <see cref="Plain"/>, what <see cref="StringResolver"/> reads from the code alone
/// (checked and reported at the sink, as before), and, when that is not an exact name, <see cref="Sourced"/>: one
/// value per caller or appsettings file that resolves.
/// </summary>
internal sealed record ResolvedValues(ResolvedString Plain, IReadOnlyList<SourcedString> Sourced);

/// <summary>
/// The sources of names outside a sink's expression, per compilation: the callers of private and internal methods
/// (<see cref="ParameterValues"/>), constructor-assigned fields, and configuration (<see cref="ConfigurationKeys"/>
/// read in <see cref="AppSettings"/>). Everything is looked up lazily: the syntax index, the options bindings and
/// the appsettings files are built the first time a sink's value needs them, then shared by all rules.
/// </summary>
internal sealed class ValueSources
{
    /// <summary>How many callers deep a value is followed (a caller's argument that is itself a parameter, and so on).</summary>
    public const int MaxLevel = 3;

    /// <summary>At most this many values per leaf; more (a helper with many callers) are not followed.</summary>
    public const int MaxValues = 16;

    private static readonly ConditionalWeakTable<Compilation, ValueSources> ByCompilation = new();

    private readonly AnalyzerOptions _options;
    private readonly object _gate = new();
    private SyntaxIndex? _index;
    private ConfigurationBinding? _bindings;
    private ConfigurationTypes? _configuration;

    private ValueSources(Compilation compilation, AnalyzerOptions options)
    {
        Compilation = compilation;
        _options = options;
    }

    public Compilation Compilation { get; }

    /// <summary>The bound call sites per method, found once (<see cref="ParameterValues.CallSites"/>).</summary>
    internal ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>> CallSites { get; } = new(SymbolEqualityComparer.Default);

    public ConfigurationTypes Configuration
    {
        get
        {
            lock (_gate)
            {
                return _configuration ??= new ConfigurationTypes(Compilation);
            }
        }
    }

    public SyntaxIndex Index => Lazy(ref _index, ct => SyntaxIndex.Build(Compilation, ct), default);

    /// <summary>The sources of <paramref name="compilation"/>, shared by every rule.</summary>
    public static ValueSources Get(Compilation compilation, AnalyzerOptions options)
        => ByCompilation.GetValue(compilation, c => new ValueSources(c, options));

    public ConfigurationBinding Bindings(CancellationToken cancellationToken) => Lazy(ref _bindings, ct => ConfigurationBinding.Build(this, ct), cancellationToken);

    public AppSettings Settings(CancellationToken cancellationToken) => AppSettings.Get(_options, cancellationToken);

    /// <summary>
    /// The semantic model of <paramref name="tree"/>: <paramref name="analysis"/> when it is that tree's, else the
    /// compilation's. Only the few nodes a syntactic look-up selected (callers of a method, options bindings) are
    /// bound with it, and the analyzer driver hands analyzers a compilation that caches one model per tree.
    /// </summary>
    public SemanticModel Model(SyntaxTree tree, SemanticModel? analysis)
    {
        if (analysis is not null && analysis.SyntaxTree == tree)
        {
            return analysis;
        }

#pragma warning disable RS1030 // Binds only nodes selected by name (SyntaxIndex); the driver's compilation caches the model of each tree.
        return Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    /// <summary>What <paramref name="value"/> resolves to, from the code and from its sources.</summary>
    public ResolvedValues Resolve(IOperation? value, CancellationToken cancellationToken)
    {
        var (plain, sourced) = ResolveAt(value, null, 0, ImmutableStack.Empty, cancellationToken);
        return new ResolvedValues(plain, sourced);
    }

    /// <summary>
    /// Resolves with <see cref="StringResolver"/> once, noting the leaves it cannot read that have values of their
    /// own (<see cref="ResolutionScope"/>); when exactly one has, resolves again with that leaf pinned to each of its
    /// values. Two such leaves are not combined: their values may come from different callers or files.
    /// </summary>
    internal (ResolvedString Plain, IReadOnlyList<SourcedString> Sourced) ResolveAt(IOperation? value, ParameterFrame? frame, int level, ImmutableStack active, CancellationToken cancellationToken)
    {
        var scope = new ResolutionScope(this, frame, level, active);
        var plain = StringResolver.Resolve(value, scope, cancellationToken);
        if (plain.Exact is not null || scope.Found is not { } found || scope.Several)
        {
            return (plain, Array.Empty<SourcedString>());
        }

        var sourced = new List<SourcedString>();
        foreach (var alternative in found.Values)
        {
            scope.Pin(found.Node, alternative.Value);
            var pinned = StringResolver.Resolve(value, scope, cancellationToken);
            if (pinned.IsKnown && !pinned.Equals(plain))
            {
                sourced.Add(alternative with { Value = pinned });
            }
        }

        return (plain, sourced);
    }

    /// <summary>The values of an expression in a caller or helper, for a leaf: the sourced ones, else the plain one.</summary>
    internal IReadOnlyList<SourcedString> ValuesOf(IOperation? value, ParameterFrame? frame, int level, ImmutableStack active, CancellationToken cancellationToken)
    {
        if (level > MaxLevel)
        {
            return Array.Empty<SourcedString>();
        }

        var (plain, sourced) = ResolveAt(value, frame, level, active, cancellationToken);
        return sourced.Count > 0 ? sourced : plain.IsKnown ? new[] { new SourcedString(plain, null, null, null) } : Array.Empty<SourcedString>();
    }

    /// <summary>The values of a configuration key over the appsettings files (<see cref="ConfigurationKeys"/>), each naming its file.</summary>
    internal IReadOnlyList<SourcedString> ConfigurationValues(IOperation leaf, CancellationToken cancellationToken)
    {
        if (Settings(cancellationToken).IsEmpty || ConfigurationKeys.KeyOf(leaf, this, cancellationToken) is not { } key)
        {
            return Array.Empty<SourcedString>();
        }

        return Settings(cancellationToken).Values(key)
            .Select(v => new SourcedString(new ResolvedString(v.Value, null, false), null, v.Location, $"{key} in {v.FileName}"))
            .ToList();
    }

    private T Lazy<T>(ref T? field, Func<CancellationToken, T> create, CancellationToken cancellationToken)
        where T : class
    {
        lock (_gate)
        {
            return field ??= create(cancellationToken);
        }
    }
}

/// <summary>The methods whose callers are being followed (a guard against recursion), innermost first.</summary>
internal sealed class ImmutableStack
{
    public static readonly ImmutableStack Empty = new(null, null);

    private ImmutableStack(ISymbol? top, ImmutableStack? rest)
    {
        Top = top;
        Rest = rest;
    }

    private ISymbol? Top { get; }

    private ImmutableStack? Rest { get; }

    public ImmutableStack Push(ISymbol symbol) => new(symbol, this);

    public bool Contains(ISymbol symbol)
    {
        for (var s = this; s?.Top is not null; s = s.Rest)
        {
            if (SymbolEqualityComparer.Default.Equals(s.Top, symbol))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The arguments of a helper call being read through (<c>Table("Shipments")</c> for <c>string Table(string name)</c>):
/// its parameters take these arguments, which are read in <see cref="Caller"/>'s frame.
/// </summary>
internal sealed class ParameterFrame
{
    public ParameterFrame(IMethodSymbol method, IReadOnlyDictionary<int, IOperation> arguments, ParameterFrame? caller)
    {
        Method = method;
        Arguments = arguments;
        Caller = caller;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The argument of each parameter, by ordinal.</summary>
    public IReadOnlyDictionary<int, IOperation> Arguments { get; }

    public ParameterFrame? Caller { get; }
}

/// <summary>
/// One resolution's view of <see cref="ValueSources"/>, asked by <see cref="StringResolver"/> for each leaf it cannot
/// read: a pinned leaf gets its pinned value; a leaf with exactly one value from the code gets it; a leaf with
/// values from callers or files is noted (<see cref="Found"/>) and unknown until pinned.
/// </summary>
internal sealed class ResolutionScope
{
    private readonly ValueSources _sources;
    private readonly ParameterFrame? _frame;
    private readonly int _level;
    private readonly ImmutableStack _active;
    private Dictionary<SyntaxNode, IReadOnlyList<SourcedString>>? _values;
    private SyntaxNode? _pinned;
    private ResolvedString _pinnedValue;

    public ResolutionScope(ValueSources sources, ParameterFrame? frame, int level, ImmutableStack active)
    {
        _sources = sources;
        _frame = frame;
        _level = level;
        _active = active;
    }

    /// <summary>The first leaf with sourced values and those values.</summary>
    public (SyntaxNode Node, IReadOnlyList<SourcedString> Values)? Found { get; private set; }

    /// <summary>Whether more than one leaf has sourced values.</summary>
    public bool Several { get; private set; }

    public void Pin(SyntaxNode node, ResolvedString value)
    {
        _pinned = node;
        _pinnedValue = value;
    }

    public ResolvedString Leaf(IOperation operation, CancellationToken cancellationToken)
    {
        if (_pinned is not null && operation.Syntax == _pinned)
        {
            return _pinnedValue;
        }

        _values ??= new Dictionary<SyntaxNode, IReadOnlyList<SourcedString>>();
        if (!_values.TryGetValue(operation.Syntax, out var values))
        {
            values = _level > ValueSources.MaxLevel ? Array.Empty<SourcedString>() : ValuesOf(operation, cancellationToken);
            if (values.Count > ValueSources.MaxValues)
            {
                values = Array.Empty<SourcedString>();
            }

            _values[operation.Syntax] = values;
        }

        if (values.Count == 1 && values[0] is { At: null, Origin: null } only)
        {
            return only.Value;
        }

        if (values.Count > 0)
        {
            if (Found is null)
            {
                Found = (operation.Syntax, values);
            }
            else if (Found.Value.Node != operation.Syntax)
            {
                Several = true;
            }
        }

        return default;
    }

    private IReadOnlyList<SourcedString> ValuesOf(IOperation operation, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case ICoalesceOperation coalesce when RequestContext.Unwrap(coalesce.WhenNull) is IThrowOperation:
                return _sources.ValuesOf(coalesce.Value, _frame, _level, _active, cancellationToken);   // name ?? throw new ArgumentNullException(...)
            case IParameterReferenceOperation parameter:
                return ParameterValues.OfParameter(parameter, _sources, _frame, _level, _active, cancellationToken);
            case IInvocationOperation invocation:
                var helper = ParameterValues.OfHelperCall(invocation, _sources, _frame, _level, _active, cancellationToken);
                return helper.Count > 0 ? helper : _sources.ConfigurationValues(invocation, cancellationToken);
            case IFieldReferenceOperation field:
                return ParameterValues.OfConstructorMember(field.Field, operation.SemanticModel, _sources, _level, _active, cancellationToken);
            case IPropertyReferenceOperation property:
                var configured = _sources.ConfigurationValues(operation, cancellationToken);
                return configured.Count > 0 ? configured : ParameterValues.OfConstructorMember(property.Property, operation.SemanticModel, _sources, _level, _active, cancellationToken);
            default:
                return Array.Empty<SourcedString>();
        }
    }
}
