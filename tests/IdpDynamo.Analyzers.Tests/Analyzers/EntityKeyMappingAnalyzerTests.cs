using System.Linq;
using System.Threading.Tasks;
using IdpDynamo.Analyzers.Analyzers.Infrastructure;
using IdpDynamo.Analyzers.Analyzers.Rules;
using IdpDynamo.Analyzers.Tests.Infrastructure;
using static IdpDynamo.Analyzers.Tests.Analyzers.AnalyzerValues;
using VerifyCS = IdpDynamo.Analyzers.Tests.Infrastructure.AnalyzerVerifier<IdpDynamo.Analyzers.Analyzers.Rules.EntityKeyMappingAnalyzer>;

namespace IdpDynamo.Analyzers.Tests.Analyzers;

/// <summary>
/// IDPDYN204: DataModel key mapping against the values file, with the SDK's own naming rules (renames on any DynamoDB
/// attribute, camelCase applied to renames too, [DynamoDBTable] inherited) and types (converters and epoch storage
/// left alone).
/// </summary>
public class EntityKeyMappingAnalyzerTests
{
    private static Task<AnalyzerTestRun> Verify(string body, VerifyOptions? options = null)
        => VerifyCS.VerifyAnalyzerAsync(Usings + "\n" + body, Yaml, options);

    [Fact]
    public Task Matching_entities_are_silent() => Verify("""
        [DynamoDBTable("CustomerOrders")]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
            public decimal TotalAmount { get; set; }
        }

        [DynamoDBTable("Orders")]
        public class RenamedOrder { [DynamoDBHashKey("Id")] public Guid OrderId { get; set; } }

        [DynamoDBTable("Orders")]
        public class NamedRenameOrder { [DynamoDBHashKey(AttributeName = "Id")] public string Key { get; set; } = ""; }

        [DynamoDBTable("Orders")]
        public class PropertyRenameOrder { [DynamoDBHashKey, DynamoDBProperty("Id")] public string Key { get; set; } = ""; }

        [DynamoDBTable("Notifications", AttributeCasing = CaseMode.CamelCase)]
        public class Notification
        {
            [DynamoDBHashKey] public Guid TargetId { get; set; }
            [DynamoDBRangeKey] public string Id { get; set; } = "";
        }

        [DynamoDBTable("Notifications", LowerCamelCaseProperties = true)]
        public class LegacyNotification
        {
            [DynamoDBHashKey] public string TargetId { get; set; } = "";
            [DynamoDBRangeKey("Id")] public string Key { get; set; } = "";   // renames are camel-cased too: "id"
        }

        [DynamoDBTable("Counters")]
        public class Counter
        {
            [DynamoDBHashKey] public string CounterId { get; set; } = "";
            [DynamoDBRangeKey] public int Day { get; set; }
        }

        [DynamoDBTable(DynamoTablesNames.Products)]
        public class Product { [DynamoDBHashKey] public string Sku { get; set; } = ""; }

        public static class DynamoTablesNames { public const string Products = "Products"; }

        public class NoTable { [DynamoDBHashKey] public string Whatever { get; set; } = ""; }

        [DynamoDBTable("NotDeclared")]
        public class Undeclared { [DynamoDBHashKey] public string Whatever { get; set; } = ""; }

        [DynamoDBTable("CustomerOrders")]
        public class MetadataFetched { public string Anything { get; set; } = ""; }
        """);

    [Fact]
    public async Task Wrong_hash_key_name()
    {
        var run = await Verify("""
            [DynamoDBTable("CustomerOrders")]
            public class Order
            {
                [[|DynamoDBHashKey|]] public string CustomerID { get; set; } = "";
                [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
            }
            """);
        Assert.Equal(
            "'Order.CustomerID' maps the hash key to attribute 'CustomerID', but table 'CustomerOrders' has hash key 'CustomerId' (apps/webshop-test/orders/dynamodb/values.yaml:7); names are case-sensitive",
            run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task Renames_and_casing_that_miss() => Verify("""
        [DynamoDBTable("Orders")]
        public class RenamedWrong { [[|DynamoDBHashKey("id")|]] public string Id { get; set; } = ""; }

        [DynamoDBTable("Orders", LowerCamelCaseProperties = true)]
        public class CamelWrong { [[|DynamoDBHashKey|]] public string Id { get; set; } = ""; }

        [DynamoDBTable("Orders", AttributeCasing = CaseMode.CamelCase)]
        public class CamelRenameWrong { [[|DynamoDBHashKey("Id")|]] public string Key { get; set; } = ""; }

        [DynamoDBTable("Notifications")]
        public class NotCamel
        {
            [[|DynamoDBHashKey|]] public string TargetId { get; set; } = "";
            [[|DynamoDBRangeKey|]] public string Id { get; set; } = "";
        }

        [DynamoDBTable("Orders")]
        public class PropertyRenameWrong { [[|DynamoDBHashKey|], DynamoDBProperty("OrderId")] public string Id { get; set; } = ""; }
        """);

    [Fact]
    public Task Conflicting_renames_are_left_alone() => Verify("""
        [DynamoDBTable("Orders")]
        public class Conflicting { [DynamoDBHashKey("A"), DynamoDBProperty("B")] public string Id { get; set; } = ""; }
        """);

    [Fact]
    public Task Missing_and_extra_range_keys() => Verify("""
        [DynamoDBTable("CustomerOrders")]
        public class {|IDPDYN204:NoRange|}
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
        }

        [DynamoDBTable("Orders")]
        public class ExtraRange
        {
            [DynamoDBHashKey] public string Id { get; set; } = "";
            [[|DynamoDBRangeKey|]] public string Created { get; set; } = "";
        }

        [DynamoDBTable("CustomerOrders")]
        public class {|IDPDYN204:NoHash|}
        {
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
        }
        """);

    [Fact]
    public Task Key_types() => Verify("""
        [DynamoDBTable("Counters")]
        public class Counter
        {
            [DynamoDBHashKey] public string CounterId { get; set; } = "";
            [[|DynamoDBRangeKey|]] public string Day { get; set; } = "";
        }

        [DynamoDBTable("Orders")]
        public class NumericId { [[|DynamoDBHashKey|]] public long Id { get; set; } }

        [DynamoDBTable("Orders")]
        public class BinaryId { [[|DynamoDBHashKey|]] public byte[] Id { get; set; } = new byte[0]; }

        [DynamoDBTable("Orders")]
        public class GuidId { [DynamoDBHashKey] public Guid Id { get; set; } }

        [DynamoDBTable("Orders")]
        public class DateId { [DynamoDBHashKey] public DateTime Id { get; set; } }

        [DynamoDBTable("Orders")]
        public class NullableNumber { [[|DynamoDBHashKey|]] public int? Id { get; set; } }

        [DynamoDBTable("Counters")]
        public class NullableDay
        {
            [DynamoDBHashKey] public string CounterId { get; set; } = "";
            [DynamoDBRangeKey] public decimal? Day { get; set; }
        }
        """);

    [Fact]
    public Task Converters_epoch_storage_and_enums_are_left_alone() => Verify("""
        public class LongConverter : IPropertyConverter
        {
            public DynamoDBEntry ToEntry(object value) => new Primitive(value.ToString());
            public object FromEntry(DynamoDBEntry entry) => long.Parse(entry.AsString());
        }

        public enum Kind { A, B }

        [DynamoDBTable("Orders")]
        public class Converted { [DynamoDBHashKey(typeof(LongConverter))] public long Id { get; set; } }

        [DynamoDBTable("Orders")]
        public class NamedConverter { [DynamoDBHashKey(Converter = typeof(LongConverter))] public long Id { get; set; } }

        [DynamoDBTable("Orders")]
        public class PropertyConverter { [DynamoDBHashKey, DynamoDBProperty(typeof(LongConverter))] public long Id { get; set; } }

        [DynamoDBTable("Counters")]
        public class EpochDay
        {
            [DynamoDBHashKey] public string CounterId { get; set; } = "";
            [DynamoDBRangeKey, DynamoDBProperty(StoreAsEpoch = true)] public DateTime Day { get; set; }
        }

        [DynamoDBTable("Orders")]
        public class EnumKey { [DynamoDBHashKey] public Kind Id { get; set; } }
        """);

    [Fact]
    public Task Inherited_table_attribute() => Verify("""
        [DynamoDBTable("CustomerOrders")]
        public abstract class OrderBase
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
        }

        // The derived class supplies the range key: fine, and the abstract base is not blamed for lacking it.
        public class Order : OrderBase
        {
            [DynamoDBRangeKey] public string OrderDate { get; set; } = "";
        }

        // A concrete class that inherits the mapping but still lacks the range key.
        public class {|IDPDYN204:Incomplete|} : OrderBase
        {
        }

        // Wrong range key declared in the derived class.
        public class WrongRange : OrderBase
        {
            [[|DynamoDBRangeKey|]] public string Date { get; set; } = "";
        }
        """);

    [Fact]
    public Task A_concrete_base_without_keys_leaves_the_report_to_the_derived_class() => Verify("""
        [DynamoDBTable("CustomerOrders")]
        public class Untyped { public string Note { get; set; } = ""; }

        public class {|IDPDYN204:HashOnly|} : Untyped { [DynamoDBHashKey] public string CustomerId { get; set; } = ""; }

        [DynamoDBTable("CustomerOrders")]
        public class {|IDPDYN204:HalfKeyed|} { [DynamoDBHashKey] public string CustomerId { get; set; } = ""; }

        public class StillHalfKeyed : HalfKeyed { }
        """);

    [Fact]
    public Task Base_class_mismatch_is_reported_once_on_the_base() => Verify("""
        [DynamoDBTable("Orders")]
        public class Base { [[|DynamoDBHashKey|]] public string OrderId { get; set; } = ""; }

        public class Derived1 : Base { }

        public class Derived2 : Base { public string Extra { get; set; } = ""; }
        """);

    [Fact]
    public Task Keys_in_an_unmapped_base_class_are_reported_on_the_mapped_class() => Verify("""
        public abstract class Entity { [DynamoDBHashKey] public string Key { get; set; } = ""; }

        [DynamoDBTable("Orders")]
        public class {|IDPDYN204:Order|} : Entity { }

        [DynamoDBTable("Orders")]
        public class Good { [DynamoDBHashKey] public string Id { get; set; } = ""; }
        """);

    [Fact]
    public Task Key_members_that_are_also_keys_of_several_indexes() => Verify("""
        [DynamoDBTable("CustomerOrders")]
        public class Order
        {
            [DynamoDBHashKey] public string CustomerId { get; set; } = "";
            [DynamoDBRangeKey, DynamoDBGlobalSecondaryIndexRangeKey("StatusIndex", "OtherIndex")] public string OrderDate { get; set; } = "";
        }

        [DynamoDBTable("Counters")]
        public class Counter
        {
            [DynamoDBHashKey, DynamoDBGlobalSecondaryIndexHashKey("A", "B")] public string CounterId { get; set; } = "";
            [[|DynamoDBRangeKey|], DynamoDBLocalSecondaryIndexRangeKey("X", "Y")] public string Day { get; set; } = "";
        }
        """);

    [Fact]
    public Task Struct_entities_and_fields() => Verify("""
        [DynamoDBTable("Orders")]
        public struct OrderStruct { [[|DynamoDBHashKey|]] public int Id; }
        """);

    [Fact]
    public Task V3_shapes() => VerifyCS.VerifyAnalyzerAsync("""
        using Amazon.DynamoDBv2.DataModel;

        [DynamoDBTable("Notifications", true)]
        public class Notification
        {
            [DynamoDBHashKey] public string TargetId { get; set; } = "";
            [DynamoDBRangeKey] public string Id { get; set; } = "";
        }

        [DynamoDBTable("Orders")]
        public class Order { [[|DynamoDBHashKey("ID")|]] public string Id { get; set; } = ""; }
        """, Yaml, new VerifyOptions { Sdk = SdkShape.V3Stubs });
}
