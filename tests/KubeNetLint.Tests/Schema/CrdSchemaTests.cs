using KubeNetLint.Core.Model.Schema;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Schema;

/// <summary>The checked-in src/KubeNetLint.Core/Model/Schema/crd-fields.txt is generated from the CRDs in
/// ../shared/reference (skipped where that folder is absent); `UPDATE_GOLDEN=1 dotnet test` rewrites it.</summary>
public sealed class CrdSchemaTests
{
    private static string SchemaPath => Path.Combine(Repo.Root, "src", "KubeNetLint.Core", "Model", "Schema", "crd-fields.txt");

    [Fact]
    public void Checked_in_CRD_schema_matches_the_reference_CRDs()
    {
        if (!Repo.HasShared) return;
        var generated = CrdSchemaGenerator.Generate();
        if (Golden.Updating) { File.WriteAllText(SchemaPath, generated); return; }
        Assert.True(File.ReadAllText(SchemaPath).Replace("\r\n", "\n") == generated,
            "crd-fields.txt is stale: run `UPDATE_GOLDEN=1 dotnet test --filter FullyQualifiedName~CrdSchema` and commit the file");
    }

    [Theory]
    [InlineData("gateway.networking.k8s.io/v1", "Gateway", "standard")]
    [InlineData("gateway.networking.k8s.io/v1", "HTTPRoute", "standard")]
    [InlineData("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", "standard")]
    [InlineData("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "standard")]
    [InlineData("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "experimental")]
    public void Knows_the_modelled_custom_resources(string apiVersion, string kind, string channel)
    {
        var type = ApiSchema.Shared.KindType(apiVersion, kind);
        Assert.NotNull(type);
        Assert.Equal(channel, ApiSchema.Shared.CrdChannel(apiVersion, kind));
        Assert.True(type.TryGetField("metadata", out var metadata));
        Assert.Equal("V1ObjectMeta", metadata.Object!.Name);
        Assert.True(type.TryGetField("spec", out _));
        Assert.Null(ApiSchema.Shared.CrdChannel("v1", "Service"));
    }

    [Fact]
    public void Admin_policies_keep_the_experimental_peers_of_v1alpha1()
    {
        var anp = ApiSchema.Shared.KindType("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy")!;
        var egress = anp.Fields["spec"].Object!.Fields["egress"].Element!.Object!;
        var peer = egress.Fields["to"].Element!.Object!;
        Assert.True(peer.TryGetField("networks", out _));
        Assert.True(peer.TryGetField("pods", out _));
        Assert.False(peer.TryGetField("pod", out _));
    }
}
