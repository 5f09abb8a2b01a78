using KubeNetLint.Core;
using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Gateway;

/// <summary>Every example of the Gateway API release (../shared/reference/gateway-api/examples-standard,
/// one file or one folder each) loads and is read without a type error. A complete example produces no
/// error; an example that refers to objects it does not hold may give only the findings listed here, with
/// the reason.</summary>
public sealed class GatewayExamplesTests
{
    private static string Dir => Path.Combine(Repo.Shared, "reference", "gateway-api", "examples-standard");

    private const string NoServices = "the example's Services (and their workloads) are not part of it";
    private const string NoGateway = "the route names a Gateway the example does not hold";
    private const string NoCerts = "the example's certificate Secrets are not part of it";
    private const string NoCaConfigMaps = "the example's CA certificate ConfigMaps are not part of it";
    private const string Alternatives = "the folder holds alternative versions of one object (same name)";

    /// <summary>Examples that refer to objects outside themselves: the error rules they may trigger, and why.</summary>
    private static readonly Dictionary<string, (string[] Rules, string Why)> Incomplete = new(StringComparer.Ordinal)
    {
        ["backendtlspolicy"] = (["KNL515", "KNL516"], NoServices + "; " + NoCaConfigMaps),
        ["basic-grpc.yaml"] = (["KNL505", "KNL508"], NoServices + "; " + NoCerts),
        ["basic-http.yaml"] = (["KNL505"], NoServices),
        ["cross-namespace-routing"] = (["KNL505", "KNL508"], NoServices + "; " + NoCerts),
        ["default-match-http.yaml"] = (["KNL505"], NoServices + "; acme.io/CustomBackend is an implementation's kind"),
        ["grpc-filter.yaml"] = (["KNL505"], NoServices),
        ["grpc-routing"] = (["KNL004", "KNL505", "KNL508"], Alternatives + "; " + NoServices + "; " + NoCerts),
        ["http-cors"] = (["KNL004", "KNL502", "KNL505"], Alternatives + "; " + NoGateway + "; " + NoServices),
        ["http-filter.yaml"] = (["KNL505"], NoServices),
        ["http-redirect-path.yaml"] = (["KNL502"], NoGateway),
        ["http-redirect-rewrite"] = (["KNL004", "KNL505", "KNL508"], Alternatives + "; " + NoServices + "; " + NoCerts),
        ["http-redirect.yaml"] = (["KNL505", "KNL508"], NoServices + "; " + NoCerts),
        ["http-request-header-add.yaml"] = (["KNL502", "KNL505"], NoGateway + "; " + NoServices),
        ["http-request-header-remove.yaml"] = (["KNL502", "KNL505"], NoGateway + "; " + NoServices),
        ["http-request-header-set.yaml"] = (["KNL502", "KNL505"], NoGateway + "; " + NoServices),
        ["http-request-mirroring"] = (["KNL502", "KNL505"], NoGateway + "; " + NoServices),
        ["http-rewrite.yaml"] = (["KNL502"], NoGateway),
        ["http-route-attachment"] = (["KNL505"], NoServices),
        ["http-routing"] = (["KNL505"], NoServices),
        ["httproute.yaml"] = (["KNL505"], NoServices),
        ["multicluster"] = (["KNL004", "KNL502", "KNL505"], Alternatives + "; " + NoGateway + "; " + NoServices),
        ["simple-gateway"] = (["KNL505"], NoServices),
        ["simple-http-https"] = (["KNL505", "KNL508"], NoServices + "; " + NoCerts),
        ["tcp-routing"] = (["KNL505"], NoServices),
        ["tls-routing"] = (["KNL505", "KNL508"], NoServices + "; " + NoCerts),
        ["traffic-splitting"] = (["KNL004", "KNL505"], Alternatives + "; " + NoServices),
        ["udp-routing"] = (["KNL505"], NoServices),
        ["frontend-cert-validation.yaml"] = (["KNL508"], NoCerts),
        ["listenerset"] = (["KNL508"], NoCerts),
        ["tls-basic.yaml"] = (["KNL508"], NoCerts),
        ["tls-cert-cross-namespace.yaml"] = (["KNL508"], NoCerts),
        ["wildcard-tls-gateway.yaml"] = (["KNL508"], NoCerts),
    };

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(Dir)) { data.Add("(absent)"); return data; }
        foreach (var entry in Directory.GetFileSystemEntries(Dir).Order(StringComparer.Ordinal))
            if (Directory.Exists(entry) || entry.EndsWith(".yaml", StringComparison.Ordinal)) data.Add(Path.GetFileName(entry));
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(Examples))]
    public void Example_loads_and_gives_only_the_documented_errors(string example)
    {
        if (!Directory.Exists(Dir)) return;
        var result = Lint.Paths([Path.Combine(Dir, example)]);
        Assert.Empty(result.Model.LoadProblems);
        Assert.Empty(result.Model.NonObjects);
        Assert.Empty(result.Model.TypeErrors);
        Assert.NotEmpty(result.Model.Resources);
        var allowed = Incomplete.TryGetValue(example, out var entry) ? entry.Rules : [];
        var unexpected = result.Reported.Where(f => f.Level == Level.Error && !allowed.Contains(f.RuleId))
            .Select(f => $"{f.Path}:{f.Line}: {f.RuleId} {f.Message}").ToList();
        Assert.True(unexpected.Count == 0, $"{example}:\n" + string.Join("\n", unexpected));
        if (entry.Rules is { } rules)
            Assert.True(result.Reported.Any(f => rules.Contains(f.RuleId)), $"{example} is listed as incomplete ({entry.Why}) but gives none of {string.Join(", ", rules)}");
    }

    [SharedFact]
    public void The_examples_hold_every_kind_of_the_standard_channel()
    {
        var result = Lint.Paths([Dir]);
        var m = result.Model;
        Assert.NotEmpty(m.Gateways);
        Assert.NotEmpty(m.GatewayClasses);
        Assert.NotEmpty(m.ListenerSets);
        Assert.NotEmpty(m.ReferenceGrants);
        Assert.NotEmpty(m.BackendTlsPolicies);
        Assert.Equal(["GRPCRoute", "HTTPRoute", "TCPRoute", "TLSRoute", "UDPRoute"], m.Routes.Select(r => r.Kind).Distinct().Order(StringComparer.Ordinal));
    }
}
