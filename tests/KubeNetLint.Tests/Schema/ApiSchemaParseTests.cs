using KubeNetLint.Core.Model.Schema;

namespace KubeNetLint.Tests.Schema;

/// <summary>The schema text format (see the header of k8s-api-fields.txt), read from small examples.</summary>
public sealed class ApiSchemaParseTests
{
    [Fact]
    public void Reads_types_their_fields_and_kinds()
    {
        var schema = ApiSchema.Parse("\n# comment\ntype Empty\ntype Obj name spec:Spec tags:[ labels:{ raw:* items:[Spec\n\ntype Spec x\nkind v1 Thing Obj\nkind example.com/v1 Crd Spec standard\n");
        Assert.Equal(3, schema.TypeCount);
        Assert.Equal(2, schema.KindCount);
        Assert.Empty(schema.Type("Empty")!.Fields);
        var obj = schema.KindType("v1", "Thing")!;
        Assert.Equal("Obj", obj.Name);
        Assert.Equal(["name", "spec", "tags", "labels", "raw", "items"], obj.Fields.Keys);
        Assert.Equal(FieldShape.Scalar, obj.Fields["name"].Shape);
        Assert.Same(schema.Type("Spec"), obj.Fields["spec"].Object);
        Assert.Equal((FieldShape.List, FieldShape.Scalar), (obj.Fields["tags"].Shape, obj.Fields["tags"].Element!.Shape));
        Assert.Equal((FieldShape.Map, FieldShape.Scalar), (obj.Fields["labels"].Shape, obj.Fields["labels"].Element!.Shape));
        Assert.Equal(FieldShape.FreeForm, obj.Fields["raw"].Shape);
        Assert.Same(schema.Type("Spec"), obj.Fields["items"].Element!.Object);
        Assert.True(obj.TryGetField("spec", out var spec));
        Assert.Equal(["x"], spec.Object!.Fields.Keys);
        Assert.False(obj.TryGetField("status", out _));
        Assert.Null(schema.KindType("v1", "Other"));
        Assert.Equal("standard", schema.CrdChannel("example.com/v1", "Crd"));
        Assert.Null(schema.CrdChannel("v1", "Thing"));
    }

    [Fact]
    public void A_type_on_the_last_line_without_a_line_break_is_read()
    {
        var schema = ApiSchema.Parse("kind v1 A A\ntype A f g");
        Assert.Equal(["f", "g"], schema.KindType("v1", "A")!.Fields.Keys);
    }

    [Theory]
    [InlineData("type A\nbogus line\n", "unexpected line in the API schema: 'bogus line'")]
    [InlineData("kind v1 A\n", "unexpected line in the API schema: 'kind v1 A'")]
    [InlineData("kind v1 A B\n", "the API schema has no type 'B' (kind A)")]
    public void Rejects_malformed_text(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ApiSchema.Parse(text)).Message);

    [Fact]
    public void Validation_reads_every_field_type()
    {
        var schema = ApiSchema.Parse("type A f:Missing\n");
        Assert.Equal("the API schema has no type 'Missing' (a field of A)", Assert.Throws<FormatException>(schema.Validate).Message);
    }

    [Fact]
    public void The_embedded_schema_knows_the_core_kinds()
    {
        Assert.NotNull(ApiSchema.Shared.KindType("v1", "Service"));
        Assert.True(ApiSchema.Shared.KindCount > 100);
    }
}
