using System.Diagnostics;
using KubeNetLint.Core.Model.Schema;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Schema;

/// <summary>The checked-in schema (src/KubeNetLint.Core/Model/Schema/k8s-api-fields.txt) is generated from
/// k8s.Models; a stale file fails here. `UPDATE_GOLDEN=1 dotnet test` rewrites it.</summary>
public sealed class ApiSchemaTests
{
    private static string SchemaPath => Path.Combine(Repo.Root, "src", "KubeNetLint.Core", "Model", "Schema", "k8s-api-fields.txt");

    [Fact]
    public void Checked_in_schema_matches_k8s_models()
    {
        var generated = ApiSchemaGenerator.Generate();
        if (Golden.Updating) { File.WriteAllText(SchemaPath, generated); return; }
        var current = File.Exists(SchemaPath) ? File.ReadAllText(SchemaPath).Replace("\r\n", "\n") : "";
        Assert.True(current == generated,
            $"{Path.GetRelativePath(Repo.Root, SchemaPath)} is stale (it does not match k8s.Models): run " +
            "`UPDATE_GOLDEN=1 dotnet test --filter FullyQualifiedName~ApiSchema` and commit the file");
    }

    [Fact]
    public void Embedded_schema_is_the_checked_in_file()
    {
        var fromFile = ApiSchema.Parse(File.ReadAllText(SchemaPath));
        fromFile.Validate(); // every field's type is in the file
        // The embedded schema is this file plus the custom resources' (crd-fields.txt, see CrdSchemaTests).
        var withCrds = ApiSchema.Parse(File.ReadAllText(SchemaPath) + File.ReadAllText(Path.Combine(Path.GetDirectoryName(SchemaPath)!, "crd-fields.txt")));
        withCrds.Validate();
        Assert.Equal(withCrds.KindCount, ApiSchema.Shared.KindCount);
        Assert.Equal(withCrds.TypeCount, ApiSchema.Shared.TypeCount);
        Assert.True(withCrds.KindCount > fromFile.KindCount);
    }

    [Theory]
    [InlineData("v1", "Service")]
    [InlineData("v1", "Pod")]
    [InlineData("v1", "Namespace")]
    [InlineData("v1", "Secret")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "Endpoints")]
    [InlineData("v1", "ServiceAccount")]
    [InlineData("v1", "ReplicationController")]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("apps/v1", "StatefulSet")]
    [InlineData("apps/v1", "DaemonSet")]
    [InlineData("apps/v1", "ReplicaSet")]
    [InlineData("batch/v1", "Job")]
    [InlineData("batch/v1", "CronJob")]
    [InlineData("networking.k8s.io/v1", "Ingress")]
    [InlineData("networking.k8s.io/v1", "IngressClass")]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy")]
    [InlineData("discovery.k8s.io/v1", "EndpointSlice")]
    [InlineData("policy/v1", "PodDisruptionBudget")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler")]
    [InlineData("rbac.authorization.k8s.io/v1", "Role")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")]
    public void Knows_the_built_in_kinds(string apiVersion, string kind)
    {
        var type = ApiSchema.Shared.KindType(apiVersion, kind);
        Assert.NotNull(type);
        Assert.True(type.TryGetField("metadata", out var metadata));
        Assert.Equal(FieldShape.Object, metadata.Shape);
        Assert.Equal("V1ObjectMeta", metadata.Object!.Name);
    }

    [Fact]
    public void Lists_and_unknown_kinds_are_absent()
    {
        Assert.Null(ApiSchema.Shared.KindType("v1", "ServiceList"));
        Assert.Null(ApiSchema.Shared.KindType("v1", "List"));
        Assert.Null(ApiSchema.Shared.KindType("argoproj.io/v1alpha1", "Rollout"));
        Assert.Null(ApiSchema.Shared.KindType("extensions/v1beta1", "Ingress"));
    }

    [Fact]
    public void Field_shapes_follow_the_model_types()
    {
        var schema = ApiSchema.Shared;
        var pod = schema.Type("V1PodSpec")!;
        Assert.Same(pod, schema.KindType("apps/v1", "Deployment")!.Fields["spec"].Object!.Fields["template"].Object!.Fields["spec"].Object);
        Assert.Same(pod, schema.KindType("batch/v1", "CronJob")!.Fields["spec"].Object!.Fields["jobTemplate"].Object!
            .Fields["spec"].Object!.Fields["template"].Object!.Fields["spec"].Object);

        var containers = pod.Fields["containers"];
        Assert.Equal(FieldShape.List, containers.Shape);
        Assert.Equal("V1Container", containers.Element!.Object!.Name);
        Assert.Equal(FieldShape.Map, pod.Fields["nodeSelector"].Shape);
        Assert.Equal(FieldShape.Scalar, pod.Fields["nodeSelector"].Element!.Shape);

        var port = schema.Type("V1ServicePort")!;
        Assert.Equal(FieldShape.Scalar, port.Fields["targetPort"].Shape);   // IntOrString
        Assert.Equal(FieldShape.Scalar, port.Fields["nodePort"].Shape);
        Assert.Equal(FieldShape.Map, schema.Type("V1ResourceRequirements")!.Fields["limits"].Shape); // ResourceQuantity values
        Assert.Equal(FieldShape.Scalar, schema.Type("V1ResourceRequirements")!.Fields["limits"].Element!.Shape);
        Assert.Equal(FieldShape.Map, schema.KindType("v1", "Secret")!.Fields["data"].Shape);           // base64 bytes
        Assert.Equal(FieldShape.FreeForm, schema.KindType("apps/v1", "ControllerRevision")!.Fields["data"].Shape);
        Assert.Equal(FieldShape.List, schema.Type("V1ObjectMeta")!.Fields["finalizers"].Shape);
        Assert.Equal(FieldShape.Scalar, schema.Type("V1ObjectMeta")!.Fields["finalizers"].Element!.Shape);
    }

    [Fact]
    public void A_field_of_a_type_the_schema_lacks_is_a_format_error()
    {
        var schema = ApiSchema.Parse("kind v1 Thing V1Thing\ntype V1Thing apiVersion kind spec:V1Missing\n");
        Assert.Throws<FormatException>(schema.Validate);
        Assert.Throws<FormatException>(() => ApiSchema.Parse("kind v1 Thing V1Nothing\n"));
        Assert.Throws<FormatException>(() => ApiSchema.Parse("what is this\n"));
    }

    /// <summary>The tool must start in well under 20 ms; reading the schema is its share of that.</summary>
    [Fact]
    public void Parsing_the_schema_is_cheap()
    {
        var text = File.ReadAllText(SchemaPath);
        ApiSchema.Parse(text); // JIT
        var best = TimeSpan.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            ApiSchema.Parse(text);
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        Assert.True(best < TimeSpan.FromMilliseconds(10), $"parsing the API schema took {best.TotalMilliseconds:F2} ms");
    }
}
