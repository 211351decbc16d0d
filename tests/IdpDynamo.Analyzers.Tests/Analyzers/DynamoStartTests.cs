using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Diagnostics;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// The rules' operation callbacks are dispatched from one semantic-model action per file with a name pre-filter
/// (<see cref="DynamoStart.RegisterOperationAction"/>), not by the operation driver. These are the places the
/// operation driver reached and a syntax walk or a name filter could miss: code blocks other than method bodies,
/// type names hidden by aliases, constructor initializers, assignments spelled unusually, named attribute arguments.
/// Every analyzer runs; each expected diagnostic is one the operation-action version reported at the same span.
/// </summary>
public class DynamoStartTests
{
    private static readonly VerifyOptions Options = new() { ServiceRole = ServiceRole };

    [Fact]
    public Task Reaches_initializers_lambdas_anonymous_methods_and_local_functions() => AllAnalyzersVerifier.VerifyAnalyzerAsync(new[] { Usings + """

        class Repo
        {
            static readonly GetItemRequest Field = new GetItemRequest { TableName = {|IDPDYN201:"Ordrs"|} };
            GetItemRequest Property { get; } = new() { TableName = {|IDPDYN201:"Ordrs2"|} };
            GetItemRequest Arrow => new() { TableName = {|IDPDYN201:"Ordrs3"|} };
            static readonly Func<IAmazonDynamoDB, Dictionary<string, AttributeValue>, Task> Get = (c, k) => c.GetItemAsync({|IDPDYN201:"Ordrs4"|}, k);

            async Task Run(IAmazonDynamoDB client, Dictionary<string, AttributeValue> key)
            {
                Func<Task> lambda = () => client.GetItemAsync({|IDPDYN201:"Ordrs5"|}, key);
                Func<Task> anonymous = delegate { return client.DeleteItemAsync({|IDPDYN207:{|IDPDYN213:"Products"|}|}, key); };
                await Local();
                Task Local() => client.PutItemAsync({|IDPDYN207:{|IDPDYN213:"Counters"|}|}, key);
                GetItemRequest targetTyped = new({|IDPDYN201:"Ordrs6"|}, key);
                List<GetItemRequest> collection = [new() { TableName = {|IDPDYN201:"Ordrs7"|} }];
                var conditional = key.Count > 0 ? new PutItemRequest { TableName = {|IDPDYN207:{|IDPDYN213:"Products"|}|} } : null;
            }
        }
        """ }, new[] { (DynamoProject.ValuesPath, Yaml) }, Options);

    [Fact]
    public Task Reaches_top_level_statements() => AllAnalyzersVerifier.VerifyAnalyzerAsync(new[] { Usings + """

        IAmazonDynamoDB client = null!;
        await client.GetItemAsync({|IDPDYN201:"Ordrs"|}, new Dictionary<string, AttributeValue>());
        var query = new QueryRequest { TableName = {|IDPDYN201:"Ordrs2"|}, IndexName = {|IDPDYN210:"StatusIndex"|} };
        """ }, new[] { (DynamoProject.ValuesPath, Yaml) }, Options with { Executable = true });

    [Fact]
    public Task Reaches_sdk_types_behind_aliases_and_qualified_names() => AllAnalyzersVerifier.VerifyAnalyzerAsync(new[] { Usings + """

        using Q = Amazon.DynamoDBv2.Model.QueryRequest;
        using M = Amazon.DynamoDBv2.Model;

        class Repo
        {
            async Task Run(IAmazonDynamoDB client)
            {
                await client.QueryAsync(new Q { TableName = {|IDPDYN213:"CustomerOrders"|}, IndexName = {|IDPDYN202:"StatusIndx"|} });
                await client.QueryAsync(new M.QueryRequest { TableName = {|IDPDYN213:"CustomerOrders"|}, IndexName = {|IDPDYN202:"AmountIndx"|} });
                await client.QueryAsync(new global::Amazon.DynamoDBv2.Model.QueryRequest { TableName = {|IDPDYN201:"Ordrs"|} });
                await client.QueryAsync(new M::QueryRequest { TableName = {|IDPDYN201:"Ordrs2"|} });
                await client.QueryAsync(new GlobalQ { TableName = {|IDPDYN201:"Ordrs3"|} });
            }
        }
        """, """
        global using GlobalQ = Amazon.DynamoDBv2.Model.QueryRequest;
        """ }, new[] { (DynamoProject.ValuesPath, Yaml) }, Options);

    [Fact]
    public Task Reaches_constructor_initializers_and_primary_constructor_base_calls_once() => AllAnalyzersVerifier.VerifyAnalyzerAsync(new[] { Usings + """

        class OrdersQuery : QueryRequest
        {
            public OrdersQuery() : base({|IDPDYN201:"Ordrs"|}) { }

            public OrdersQuery(bool consistent) : this() => ConsistentRead = consistent;
        }

        class ProductsQuery() : QueryRequest({|IDPDYN201:"Prodcts"|});
        """ }, new[] { (DynamoProject.ValuesPath, Yaml) }, Options);

    [Fact]
    public Task Reaches_unqualified_parenthesized_and_attribute_assignments() => AllAnalyzersVerifier.VerifyAnalyzerAsync(new[] { Usings + """

        class OrdersQuery : QueryRequest
        {
            public OrdersQuery()
            {
                TableName = {|IDPDYN201:"Ordrs"|};
                this.IndexName = {|IDPDYN210:"StatusIndex"|};
            }
        }

        class Repo
        {
            void Run()
            {
                var request = new QueryRequest();
                (request.TableName) = {|IDPDYN201:"Ordrs2"|};
            }
        }

        // TableName = overrides the constructor's name in the SDK: the named argument is checked as an assignment.
        [DynamoDBTable({|IDPDYN210:"Orders"|}, TableName = {|IDPDYN201:"Ordrs3"|})]
        class Order
        {
            [DynamoDBHashKey] public string Id { get; set; } = "";
        }
        """ }, new[] { (DynamoProject.ValuesPath, Yaml) }, Options);

    [Fact]
    public void Pre_filter_lets_through_only_nodes_that_can_name_the_sdk()
    {
        var compilation = CompilationFactory.Create(new[] { Usings + """

            using Q = Amazon.DynamoDBv2.Model.QueryRequest;

            class Repo
            {
                async Task Run(IAmazonDynamoDB client, List<string> list, Dictionary<string, string> map, QueryRequest request)
                {
                    await client.QueryAsync(request);
                    list.Add("a");
                    list.Sort();
                    var text = new System.Text.StringBuilder();
                    var o = new object();
                    var q = new Q();
                    var r = new QueryRequest();
                    QueryRequest t = new();
                    map["k"] = "v";
                    request.IndexName = "i";
                    text.Length = 0;
                    Func<int> f = () => 1;
                    f();
                    (int a, int b) = (1, 2);
                }
            }
            """ }, withAwsSdk: true);
        var names = DynamoNames.Get(compilation);
        var root = compilation.SyntaxTrees[0].GetRoot();
        string[] Candidates<T>() where T : SyntaxNode
            => root.DescendantNodes().OfType<T>().Where(n => DynamoStart.IsCandidate(n, names)).Select(n => n.ToString()).ToArray();

        // The filter knows names, not types: Add is a member of the SDK's Document (a dictionary), so list.Add passes.
        Assert.Equal(new[] { "client.QueryAsync(request)", "list.Add(\"a\")" }, Candidates<InvocationExpressionSyntax>());
        Assert.Equal(new[] { "new Q()", "new QueryRequest()" }, Candidates<ObjectCreationExpressionSyntax>());
        Assert.Equal(new[] { "new()" }, Candidates<ImplicitObjectCreationExpressionSyntax>());
        Assert.Equal(new[] { "request.IndexName = \"i\"" }, Candidates<AssignmentExpressionSyntax>());
        Assert.Same(names, DynamoNames.Get(compilation));
    }

    [Fact]
    public void Target_typed_creations_and_constructor_initializers_are_judged_by_the_type_written()
    {
        var compilation = CompilationFactory.Create(new[] { Usings + """

            class Repo
            {
                private readonly List<int> _numbers = new();
                public QueryRequest Request { get; } = new();
                public Dictionary<string, AttributeValue> Key { get; set; } = new();

                void Run(QueryRequest? given = null)
                {
                    List<string> names = new();
                    QueryRequest? request = new();
                    int zero = new();
                    Send(new());
                }

                void Send(QueryRequest request) { }
            }

            class Names : List<string>
            {
                public Names() : base() { }
                public Names(int capacity) : this() { }
            }

            class Plain
            {
                public Plain() : base() { }
            }

            partial class Split
            {
                public Split() : base() { }
            }

            class Query : QueryRequest
            {
                public Query() : base() { }
                public Query(string table) : this() => TableName = table;
            }

            class Primary(string table) : QueryRequest(table);
            """ }, withAwsSdk: true);
        var names = DynamoNames.Get(compilation);
        var root = compilation.SyntaxTrees[0].GetRoot();
        string[] Candidates<T>() where T : SyntaxNode
            => root.DescendantNodes().OfType<T>().Where(n => DynamoStart.IsCandidate(n, names))
                .Select(n => $"{n.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {n}").ToArray();

        // new() is a candidate where its type is an SDK name or is not written (Send(new())); List, Dictionary and int
        // are not. : base() of Split (its base may be named in another part) and of Query, and Primary's base call
        // stay; List's base, object's, and this() (a constructor of the project's own type) do not.
        Assert.Equal(new[] { "11: new()", "17: new()", "19: new()" }, Candidates<ImplicitObjectCreationExpressionSyntax>());
        Assert.Equal(new[] { "38: : base()", "43: : base()" }, Candidates<ConstructorInitializerSyntax>());
        Assert.Equal(new[] { "47: QueryRequest(table)" }, Candidates<PrimaryConstructorBaseTypeSyntax>());
    }

    [Fact]
    public void The_names_of_the_sdks_internal_types_are_not_candidates()
    {
        var names = DynamoNames.Get(CompilationFactory.Create(new[] { Usings }, withAwsSdk: true));

        // AWSSDK.DynamoDBv2 4.0.110 declares Add(string tableName, ...) only on the internal MultiBatchGet.Results.
        Assert.False(names.Takes("Add", "tableName"));
        Assert.True(names.Takes("GetItemAsync", "tableName"));
        Assert.False(names.Takes("QueryAsync", "tableName"));
        Assert.True(names.IsMember("Add"));
        Assert.False(names.IsType("Results"));
    }

    [Fact]
    public async Task An_exception_in_a_rule_is_reported_as_IDPDYN999_on_the_node()
    {
        var compilation = CompilationFactory.Create(new[] { Usings + """

            class Repo
            {
                Task Run(IAmazonDynamoDB client) => client.DescribeLimitsAsync(new DescribeLimitsRequest());
            }
            """ }, withAwsSdk: true);
        var values = new InMemoryAdditionalText(DynamoProject.ValuesPath, Yaml);
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(values), new TestOptionsProvider().WithValuesFile(values.Path));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer()), options).GetAnalyzerDiagnosticsAsync();

        var error = Assert.Single(diagnostics);
        Assert.Equal("IDPDYN999", error.Id);
        Assert.Equal("client.DescribeLimitsAsync(new DescribeLimitsRequest())", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains("InvalidOperationException: DescribeLimitsAsync", error.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>A rule whose callback throws on every SDK call it gets (passed to the driver directly, never discovered).</summary>
#pragma warning disable RS1001 // no [DiagnosticAnalyzer]: it must not become an analyzer of the test assembly
    private sealed class ThrowingAnalyzer : DynamoAnalyzerBase
#pragma warning restore RS1001
    {
        public ThrowingAnalyzer()
            : base(DiagnosticDescriptors.UnknownTable)
        {
        }

        private protected override void Register(DynamoStart start)
            => start.RegisterOperationAction(
                ctx => throw new InvalidOperationException(((Microsoft.CodeAnalysis.Operations.IInvocationOperation)ctx.Operation).TargetMethod.Name),
                OperationKind.Invocation);
    }
}
