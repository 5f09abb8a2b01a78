using KubeNetLint.Core.Config;
using KubeNetLint.Core.Model;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Gateway;

public sealed class GatewayConfigTests
{
    [Fact]
    public void Gateway_classes_and_data_planes_are_read()
    {
        var config = Lint.Config("""
            gatewayClasses: [istio, cilium]
            gatewayDataPlanes:
              envoy:
                namespace: envoy-gateway-system
                podLabels: {gateway.envoyproxy.io/owning-gateway-name: "{gateway}"}
              cloud: none
            """).Value;
        Assert.Equal(["istio", "cilium"], config.GatewayClasses);
        var envoy = config.GatewayDataPlanes["envoy"];
        Assert.False(envoy.NoPods);
        Assert.Equal("envoy-gateway-system", envoy.Namespace);
        Assert.Equal("gw", envoy.LabelsFor("gw")["gateway.envoyproxy.io/owning-gateway-name"]);
        Assert.True(config.GatewayDataPlanes["cloud"].NoPods);
        Assert.Equal("shop", GatewayDataPlane.Default.LabelsFor("shop")[GatewayApi.GatewayNameLabel]);
    }

    [Theory]
    [InlineData("gatewayDataPlanes:\n  envoy: some\n", "must be `none` or a mapping")]
    [InlineData("gatewayDataPlanes:\n  envoy: {namespace: x}\n", "needs podLabels")]
    [InlineData("gatewayDataPlanes:\n  envoy: {podLabels: {a: b}, selector: {}}\n", "selector")]
    public void Bad_data_planes_are_config_errors(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Lint.Config(yaml));
        Assert.Contains(expected, e.Message);
    }
}
