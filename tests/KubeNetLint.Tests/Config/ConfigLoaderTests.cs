using KubeNetLint.Core;
using KubeNetLint.Core.Config;
using KubeNetLint.Core.Model;
using static KubeNetLint.Tests.Config.ConfigText;

namespace KubeNetLint.Tests.Config;

/// <summary>`.kubenetlint.yaml` read by <see cref="ConfigLoader.Parse"/>: every setting's value and default,
/// every error with its exact message and `path:line:column`, and the limits of each checked value (at the
/// limit and one past it).</summary>
public sealed class ConfigLoaderTests
{

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("--- # an empty document\n...\n")]
    public void An_empty_file_is_every_default(string yaml)
    {
        var file = File(yaml);
        var c = ConfigLoader.Parse(file, RuleIdFor);
        ConfigText.AssertDefaults(c);
        Assert.Same(file, c.File);
        Assert.Equal(ConfigText.BaseDir, c.BaseDirectory);
    }

    [Fact]
    public void An_empty_mapping_is_every_default()
    {
        var file = File("{}\n");
        var c = ConfigLoader.Parse(file, RuleIdFor);
        ConfigText.AssertDefaults(c);
        Assert.Same(file, c.File);
        Assert.Equal(ConfigText.BaseDir, c.BaseDirectory);
    }

    [Fact]
    public void The_base_directory_is_the_files_directory_or_the_current_one_without_a_path()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "knl-config-elsewhere", LintConfig.FileName);
        Assert.Equal(Path.GetDirectoryName(elsewhere), ConfigLoader.Parse(File("ignore: [a]\n", elsewhere), RuleIdFor).BaseDirectory);
        Assert.Equal(Path.GetDirectoryName(elsewhere), ConfigLoader.Parse(File("", elsewhere), RuleIdFor).BaseDirectory);

        // No full path (a config read from standard input): the current directory.
        var stdin = new Core.Loading.SourceFile { Path = "<stdin>", Text = "ignore: [a]\n" };
        Assert.Equal(Directory.GetCurrentDirectory(), ConfigLoader.Parse(stdin, RuleIdFor).BaseDirectory);
        Assert.Same(stdin, ConfigLoader.Parse(stdin, RuleIdFor).File);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        var c = Parse("""
            rules:
              KNL002: off
              service-selector-matches-nothing: error
            ignore: [charts/, "**/values*.yaml"]
            nodePortRange: 20000-20999
            workloadKinds:
              - {apiVersion: example.com/v1, kind: Worker, podTemplatePath: spec.template}
            externalSecrets: [shop/shop-tls]
            externalConfigMaps: [shop/corp-ca]
            namespaces:
              ingress-nginx: {labels: {team: platform}}
            ingressClasses: [nginx]
            gatewayClasses: [istio]
            gatewayDataPlanes:
              envoy:
                namespace: envoy-gateway-system
                podLabels: {gateway.envoyproxy.io/owning-gateway-name: "{gateway}"}
              gke: none
            ingressController:
              namespace: nginx
              namespaceLabels: {team: edge}
              podLabels: {app: nginx}
            certificateExpiryWarningDays: 14
            kubernetesVersion: "1.30"
            clusterDomain: corp.example
            connectivity:
              expect:
                - {from: shop/Deployment/frontend, to: shop/Deployment/api, port: 9090/TCP, allowed: true}
                - {from: external, to: shop/StatefulSet/db, transitive: true, allowed: false}
            """);
        Assert.Equal(2, c.Rules.Count);
        Assert.Equal(new RuleSetting(false, null), c.Rules["KNL002"]);
        Assert.Equal(new RuleSetting(true, Level.Error), c.Rules["KNL101"]);
        Assert.Equal(["charts/", "**/values*.yaml"], c.Ignore);
        Assert.Equal(20000, c.NodePortMin);
        Assert.Equal(20999, c.NodePortMax);
        Assert.Equal([new WorkloadKind("example.com", "Worker", "spec.template")], c.WorkloadKinds);
        Assert.Equal(["shop/shop-tls"], c.ExternalSecrets);
        Assert.Equal(["shop/corp-ca"], c.ExternalConfigMaps);
        Assert.Equal(["ingress-nginx"], c.Namespaces.Keys);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "platform" }, c.Namespaces["ingress-nginx"]);
        Assert.Equal(["nginx"], c.IngressClasses);
        Assert.Equal(["istio"], c.GatewayClasses);
        Assert.Equal(2, c.GatewayDataPlanes.Count);
        var envoy = c.GatewayDataPlanes["envoy"];
        Assert.False(envoy.NoPods);
        Assert.Equal("envoy-gateway-system", envoy.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["gateway.envoyproxy.io/owning-gateway-name"] = "{gateway}" }, envoy.PodLabels);
        var gke = c.GatewayDataPlanes["gke"];
        Assert.True(gke.NoPods);
        Assert.Empty(gke.PodLabels);
        Assert.Null(gke.Namespace);
        Assert.Equal("nginx", c.IngressController.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "edge" }, c.IngressController.NamespaceLabels);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "nginx" }, c.IngressController.PodLabels);
        Assert.Equal(14, c.CertificateExpiryWarningDays);
        Assert.Equal(new KubernetesVersion(1, 30), c.KubernetesVersion);
        Assert.Equal("corp.example", c.ClusterDomain);
        Assert.Equal(2, c.Expectations.Count);
        var first = c.Expectations[0];
        Assert.Equal(("shop/Deployment/frontend", "shop/Deployment/api", "9090/TCP", true, false),
            (first.From, first.To, first.Port, first.Allowed, first.Transitive));
        Assert.Equal((28, 7), (first.Location.Line, first.Location.Column));
        var second = c.Expectations[1];
        Assert.Equal(("external", "shop/StatefulSet/db", (string?)null, false, true),
            (second.From, second.To, second.Port, second.Allowed, second.Transitive));
        Assert.Equal((29, 7), (second.Location.Line, second.Location.Column));
    }

    // --- the document --------------------------------------------------------------------------------

    [Theory]
    [InlineData("a: 1\n---\nb: 2\n", ".kubenetlint.yaml:3:1: the config must be a single YAML document")]
    [InlineData("- rules\n", ".kubenetlint.yaml:1:1: the config must be a mapping")]
    [InlineData("rules\n", ".kubenetlint.yaml:1:1: the config must be a mapping")]
    [InlineData("foo: 1\n", ".kubenetlint.yaml:1:1: unknown setting 'foo' (known: rules, ignore, nodePortRange, workloadKinds, externalSecrets, externalConfigMaps, namespaces, ingressClasses, gatewayClasses, gatewayDataPlanes, ingressController, certificateExpiryWarningDays, connectivity, kubernetesVersion, clusterDomain)")]
    [InlineData("ignore: []\n  Rules: {}\n", ".kubenetlint.yaml:2:3: invalid YAML: ")]
    public void The_document_is_one_mapping_of_known_settings(string yaml, string expected)
    {
        var message = Error(yaml);
        if (expected.EndsWith("invalid YAML: ", StringComparison.Ordinal)) Assert.StartsWith(expected, message);
        else Assert.Equal(expected, message);
    }

    [Fact]
    public void Invalid_yaml_names_the_parsers_problem()
    {
        var yaml = "rules: [KNL101\n";
        var (_, problems) = Core.Loading.YamlDocumentParser.Parse(File(yaml));
        var problem = Assert.Single(problems);
        Assert.Equal($".kubenetlint.yaml:{problem.Location.Line}:{problem.Location.Column}: invalid YAML: {problem.Message}", Error(yaml));
        Assert.NotEmpty(problem.Message);
    }

    // --- rules ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("off", false, null)]
    [InlineData("false", false, null)]
    [InlineData("disabled", false, null)]
    [InlineData("on", true, null)]
    [InlineData("true", true, null)]
    [InlineData("enabled", true, null)]
    [InlineData("error", true, Level.Error)]
    [InlineData("warning", true, Level.Warning)]
    [InlineData("note", true, Level.Note)]
    public void A_rule_setting_is_off_on_or_a_level(string value, bool enabled, Level? level)
    {
        var c = Parse($"rules:\n  KNL101: {value}\n");
        Assert.Equal(new RuleSetting(enabled, level), Assert.Single(c.Rules, r => r.Key == "KNL101").Value);
        Assert.Single(c.Rules);
    }

    [Fact]
    public void A_rule_is_named_by_id_or_by_name_and_stored_by_id()
    {
        var c = Parse("rules:\n  service-selector-matches-nothing: off\n  knl002: warning\n");
        Assert.Equal(["KNL101", "KNL002"], c.Rules.Keys);
        Assert.False(c.Rules["KNL101"].Enabled);
        Assert.Equal(Level.Warning, c.Rules["KNL002"].Level);
    }

    [Fact]
    public void The_rule_lookup_decides_the_key()
    {
        var c = ConfigLoader.Parse(File("rules:\n  anything: note\n"), key => key == "anything" ? "X1" : null);
        Assert.Equal(new RuleSetting(true, Level.Note), Assert.Single(c.Rules, r => r.Key == "X1").Value);
    }

    [Theory]
    [InlineData("rules:\n  KNL999: off\n", ".kubenetlint.yaml:2:3: unknown rule 'KNL999' (see `kubenetlint rules`)")]
    [InlineData("rules:\n  KNL101: yes\n", ".kubenetlint.yaml:2:11: a rule setting is off, on, error, warning or note, not 'yes'")]
    [InlineData("rules:\n  KNL101: Error\n", ".kubenetlint.yaml:2:11: a rule setting is off, on, error, warning or note, not 'Error'")]
    [InlineData("rules:\n  KNL101:\n", ".kubenetlint.yaml:2:10: 'rule setting' must be a single value, not a null")]
    [InlineData("rules:\n  KNL101: [off]\n", ".kubenetlint.yaml:2:11: 'rule setting' must be a single value, not a list")]
    [InlineData("rules: [KNL101]\n", ".kubenetlint.yaml:1:8: 'rules' must be a mapping, not a list")]
    [InlineData("rules: off\n", ".kubenetlint.yaml:1:8: 'rules' must be a mapping, not a boolean")]
    public void Rule_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- lists of names -------------------------------------------------------------------------------

    [Fact]
    public void Lists_of_names_keep_their_order()
    {
        var c = Parse("ignore: [b, a]\ningressClasses: [nginx, traefik]\ngatewayClasses: [istio, cilium]\nexternalSecrets: [a/x, b/y]\nexternalConfigMaps: [c/z, d/w]\n");
        Assert.Equal(["b", "a"], c.Ignore);
        Assert.Equal(["nginx", "traefik"], c.IngressClasses);
        Assert.Equal(["istio", "cilium"], c.GatewayClasses);
        Assert.Equal(["a/x", "b/y"], c.ExternalSecrets);
        Assert.Equal(["c/z", "d/w"], c.ExternalConfigMaps);
    }

    [Theory]
    [InlineData("ignore: charts/\n", ".kubenetlint.yaml:1:9: 'ignore' must be a list, not a string")]
    [InlineData("ignore:\n  - {a: b}\n", ".kubenetlint.yaml:2:5: 'ignore[]' must be a single value, not a mapping")]
    [InlineData("ingressClasses: {nginx: true}\n", ".kubenetlint.yaml:1:17: 'ingressClasses' must be a list, not a mapping")]
    [InlineData("ingressClasses: [~]\n", ".kubenetlint.yaml:1:18: 'ingressClasses[]' must be a single value, not a null")]
    [InlineData("gatewayClasses: istio\n", ".kubenetlint.yaml:1:17: 'gatewayClasses' must be a list, not a string")]
    [InlineData("gatewayClasses: [[istio]]\n", ".kubenetlint.yaml:1:18: 'gatewayClasses[]' must be a single value, not a list")]
    [InlineData("externalSecrets: shop/tls\n", ".kubenetlint.yaml:1:18: 'externalSecrets' must be a list, not a string")]
    [InlineData("externalSecrets: [[shop/tls]]\n", ".kubenetlint.yaml:1:19: 'externalSecrets[]' must be a single value, not a list")]
    [InlineData("externalSecrets: [tls]\n", ".kubenetlint.yaml:1:19: externalSecrets entries are namespace/name, not 'tls'")]
    [InlineData("externalSecrets: [a/b/c]\n", ".kubenetlint.yaml:1:19: externalSecrets entries are namespace/name, not 'a/b/c'")]
    [InlineData("externalSecrets: [shop/]\n", ".kubenetlint.yaml:1:19: externalSecrets entries are namespace/name, not 'shop/'")]
    [InlineData("externalSecrets: [/tls]\n", ".kubenetlint.yaml:1:19: externalSecrets entries are namespace/name, not '/tls'")]
    [InlineData("externalConfigMaps: {shop: ca}\n", ".kubenetlint.yaml:1:21: 'externalConfigMaps' must be a list, not a mapping")]
    [InlineData("externalConfigMaps: [~]\n", ".kubenetlint.yaml:1:22: 'externalConfigMaps[]' must be a single value, not a null")]
    [InlineData("externalConfigMaps: [ca]\n", ".kubenetlint.yaml:1:22: externalConfigMaps entries are namespace/name, not 'ca'")]
    [InlineData("externalConfigMaps: [a/b/c]\n", ".kubenetlint.yaml:1:22: externalConfigMaps entries are namespace/name, not 'a/b/c'")]
    [InlineData("externalConfigMaps: [shop/]\n", ".kubenetlint.yaml:1:22: externalConfigMaps entries are namespace/name, not 'shop/'")]
    [InlineData("externalConfigMaps: ['/ca']\n", ".kubenetlint.yaml:1:22: externalConfigMaps entries are namespace/name, not '/ca'")]
    public void List_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- nodePortRange -------------------------------------------------------------------------------

    [Theory]
    [InlineData("30000-32767", 30000, 32767)]
    [InlineData("1-1", 1, 1)]
    [InlineData("1-65535", 1, 65535)]
    [InlineData("65535-65535", 65535, 65535)]
    [InlineData("'  100 -  200  '", 100, 200)]
    [InlineData("\"7-8\"", 7, 8)]
    public void NodePortRange_accepts_low_high_within_1_to_65535(string value, int low, int high)
    {
        var c = Parse($"nodePortRange: {value}\n");
        Assert.Equal((low, high), (c.NodePortMin, c.NodePortMax));
    }

    [Theory]
    [InlineData("0-10")]
    [InlineData("10-9")]
    [InlineData("1-65536")]
    [InlineData("0-65536")]
    [InlineData("30000")]
    [InlineData("x1-2")]
    [InlineData("1-2x")]
    [InlineData("1--2")]
    [InlineData("-1-2")]
    [InlineData("1 2")]
    [InlineData("99999999999-1")]
    [InlineData("1-99999999999")]
    public void NodePortRange_rejects_other_ranges(string value)
    {
        Assert.Equal($".kubenetlint.yaml:1:16: nodePortRange must look like 30000-32767 (1-65535, low-high), not '{value}'",
            Error($"nodePortRange: '{value}'\n"));
    }

    [Theory]
    [InlineData("nodePortRange: [1, 2]\n", ".kubenetlint.yaml:1:16: 'nodePortRange' must be a single value, not a list")]
    [InlineData("nodePortRange:\n", ".kubenetlint.yaml:1:15: 'nodePortRange' must be a single value, not a null")]
    public void NodePortRange_is_a_single_value(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- certificateExpiryWarningDays ----------------------------------------------------------------

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("3650", 3650)]
    [InlineData("1e3", 1000)]
    public void CertificateExpiryWarningDays_is_0_to_3650(string value, int days) =>
        Assert.Equal(days, Parse($"certificateExpiryWarningDays: {value}\n").CertificateExpiryWarningDays);

    [Theory]
    [InlineData("-1")]
    [InlineData("3651")]
    [InlineData("1.5")]
    [InlineData("x")]
    [InlineData("\"30\"")]
    public void CertificateExpiryWarningDays_rejects_other_values(string value) =>
        Assert.Equal(".kubenetlint.yaml:1:31: certificateExpiryWarningDays must be a whole number of days (0-3650)",
            Error($"certificateExpiryWarningDays: {value}\n"));

    [Fact]
    public void CertificateExpiryWarningDays_is_a_single_value() =>
        Assert.Equal(".kubenetlint.yaml:1:31: 'certificateExpiryWarningDays' must be a single value, not a mapping",
            Error("certificateExpiryWarningDays: {days: 3}\n"));

    // --- kubernetesVersion ---------------------------------------------------------------------------

    [Theory]
    [InlineData("\"1.30\"", 1, 30)]
    [InlineData("1.29", 1, 29)]
    [InlineData("v1.33.2", 1, 33)]
    [InlineData("\"1.35.0\"", 1, 35)]
    public void KubernetesVersion_is_a_release(string value, int major, int minor) =>
        Assert.Equal(new KubernetesVersion(major, minor), Parse($"kubernetesVersion: {value}\n").KubernetesVersion);

    [Theory]
    [InlineData("\"1\"", "1")]
    [InlineData("1.30-rc.1", "1.30-rc.1")]
    [InlineData("latest", "latest")]
    [InlineData("\"0.9\"", "0.9")]
    public void KubernetesVersion_rejects_other_shapes(string value, string shown) =>
        Assert.Equal($".kubenetlint.yaml:1:20: kubernetesVersion must be a Kubernetes release like \"1.34\" or \"v1.34.2\", not '{shown}'",
            Error($"kubernetesVersion: {value}\n"));

    [Fact]
    public void KubernetesVersion_is_a_single_value() =>
        Assert.Equal(".kubenetlint.yaml:1:20: 'kubernetesVersion' must be a single value, not a list", Error("kubernetesVersion: [1.30]\n"));

    // --- clusterDomain -------------------------------------------------------------------------------

    [Theory]
    [InlineData("cluster.local", "cluster.local")]
    [InlineData("cluster.local.", "cluster.local")]
    [InlineData("corp.example.com", "corp.example.com")]
    [InlineData("my-cluster.example", "my-cluster.example")]
    [InlineData("a", "a")]
    [InlineData("x.y", "x.y")]
    [InlineData("a1.b-2.3c", "a1.b-2.3c")]
    public void ClusterDomain_is_a_lowercase_dns_name_without_the_trailing_dot(string value, string domain) =>
        Assert.Equal(domain, Parse($"clusterDomain: {value}\n").ClusterDomain);

    [Fact]
    public void ClusterDomain_is_at_most_253_characters()
    {
        var at = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        Assert.Equal(253, at.Length);
        Assert.Equal(at, Parse($"clusterDomain: {at}\n").ClusterDomain);
        Assert.Equal(at, Parse($"clusterDomain: {at}.\n").ClusterDomain);
        var past = at + "d";
        Assert.Equal($".kubenetlint.yaml:1:16: clusterDomain must be a lowercase DNS name like cluster.local, not '{past}'",
            Error($"clusterDomain: {past}\n"));
    }

    [Theory]
    [InlineData("Cluster.Local")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a.-b")]
    [InlineData("a_b")]
    [InlineData("a..b")]
    [InlineData(".")]
    [InlineData("..")]
    // One trailing dot makes the name absolute; two are an empty label (docs/config.schema.json allows one).
    [InlineData("cluster.local..")]
    [InlineData("a..")]
    [InlineData("''")]
    [InlineData("a b")]
    public void ClusterDomain_rejects_other_names(string value)
    {
        var shown = value == "''" ? "" : value;
        Assert.Equal($".kubenetlint.yaml:1:16: clusterDomain must be a lowercase DNS name like cluster.local, not '{shown}'",
            Error($"clusterDomain: {value}\n"));
    }

    [Fact]
    public void ClusterDomain_is_a_single_value() =>
        Assert.Equal(".kubenetlint.yaml:1:15: 'clusterDomain' must be a single value, not a null", Error("clusterDomain:\n"));

    // --- workloadKinds -------------------------------------------------------------------------------

    [Fact]
    public void WorkloadKinds_take_the_group_from_group_or_apiVersion()
    {
        var c = Parse("""
            workloadKinds:
              - {group: batch.example, apiVersion: other.example/v1, kind: A}
              - {apiVersion: apps.example/v1beta1, kind: B}
              - {apiVersion: v1, kind: C}
              - {kind: D}
              - {kind: E, podTemplatePath: .spec.jobTemplate.spec.template.}
              - {kind: F, podTemplatePath: ''}
            """);
        Assert.Equal(
        [
            new WorkloadKind("batch.example", "A", "spec.template"),
            new WorkloadKind("apps.example", "B", "spec.template"),
            new WorkloadKind("", "C", "spec.template"),
            new WorkloadKind("*", "D", "spec.template"),
            new WorkloadKind("*", "E", "spec.jobTemplate.spec.template"),
            new WorkloadKind("*", "F", ""),
        ], c.WorkloadKinds);
    }

    [Theory]
    [InlineData("workloadKinds: {kind: A}\n", ".kubenetlint.yaml:1:16: 'workloadKinds' must be a list, not a mapping")]
    [InlineData("workloadKinds: [A]\n", ".kubenetlint.yaml:1:17: 'workloadKinds[]' must be a mapping, not a string")]
    [InlineData("workloadKinds:\n  - kind: A\n    template: spec\n", ".kubenetlint.yaml:3:5: unknown key 'template' in 'workloadKinds[]' (known: apiVersion, group, kind, podTemplatePath)")]
    [InlineData("workloadKinds:\n  - apiVersion: x/v1\n", ".kubenetlint.yaml:2:5: 'workloadKinds[]' needs 'kind'")]
    [InlineData("workloadKinds:\n  - kind: [A]\n", ".kubenetlint.yaml:2:11: 'workloadKinds[].kind' must be a single value, not a list")]
    [InlineData("workloadKinds:\n  - kind: A\n    group: {}\n", ".kubenetlint.yaml:3:12: 'group' must be a single value, not a mapping")]
    [InlineData("workloadKinds:\n  - kind: A\n    apiVersion:\n", ".kubenetlint.yaml:3:16: 'apiVersion' must be a single value, not a null")]
    [InlineData("workloadKinds:\n  - kind: A\n    podTemplatePath: [spec]\n", ".kubenetlint.yaml:3:22: 'podTemplatePath' must be a single value, not a list")]
    public void WorkloadKind_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- namespaces ----------------------------------------------------------------------------------

    [Fact]
    public void Namespaces_have_labels_or_none()
    {
        var c = Parse("""
            namespaces:
              plain:
              tilde: ~
              bare: {}
              labelled:
                labels: {team: a, tier: b}
              nolabels: {labels: {}}
            """);
        Assert.Equal(["plain", "tilde", "bare", "labelled", "nolabels"], c.Namespaces.Keys);
        Assert.Empty(c.Namespaces["plain"]);
        Assert.Empty(c.Namespaces["tilde"]);
        Assert.Empty(c.Namespaces["bare"]);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "a", ["tier"] = "b" }, c.Namespaces["labelled"]);
        Assert.Empty(c.Namespaces["nolabels"]);
    }

    [Theory]
    [InlineData("namespaces: [prod]\n", ".kubenetlint.yaml:1:13: 'namespaces' must be a mapping, not a list")]
    [InlineData("namespaces:\n  prod: yes\n", ".kubenetlint.yaml:2:9: 'namespaces.prod' must be a mapping, not a boolean")]
    [InlineData("namespaces:\n  prod: ''\n", ".kubenetlint.yaml:2:9: 'namespaces.prod' must be a mapping, not a string")]
    [InlineData("namespaces:\n  prod: {label: {a: b}}\n", ".kubenetlint.yaml:2:10: unknown key 'label' in 'namespaces.prod' (known: labels)")]
    [InlineData("namespaces:\n  prod: {labels: [a]}\n", ".kubenetlint.yaml:2:18: 'labels' must be a mapping, not a list")]
    [InlineData("namespaces:\n  prod: {labels: {team: {a: b}}}\n", ".kubenetlint.yaml:2:25: 'labels.team' must be a single value, not a mapping")]
    public void Namespace_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- gatewayDataPlanes ---------------------------------------------------------------------------

    [Fact]
    public void GatewayDataPlanes_are_none_or_pods()
    {
        var c = Parse("""
            gatewayDataPlanes:
              lb: none
              own: {podLabels: {app: "gw-{gateway}"}}
              shared: {podLabels: {app: proxy}, namespace: infra}
            """);
        Assert.Equal(["lb", "own", "shared"], c.GatewayDataPlanes.Keys);
        Assert.Equal((true, 0, (string?)null), (c.GatewayDataPlanes["lb"].NoPods, c.GatewayDataPlanes["lb"].PodLabels.Count, c.GatewayDataPlanes["lb"].Namespace));
        var own = c.GatewayDataPlanes["own"];
        Assert.False(own.NoPods);
        Assert.Null(own.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "gw-{gateway}" }, own.PodLabels);
        var shared = c.GatewayDataPlanes["shared"];
        Assert.False(shared.NoPods);
        Assert.Equal("infra", shared.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "proxy" }, shared.PodLabels);
    }

    [Theory]
    [InlineData("gatewayDataPlanes: [lb]\n", ".kubenetlint.yaml:1:20: 'gatewayDataPlanes' must be a mapping, not a list")]
    [InlineData("gatewayDataPlanes:\n  lb: None\n", ".kubenetlint.yaml:2:7: gatewayDataPlanes.lb must be `none` or a mapping with podLabels (and namespace), not 'None'")]
    [InlineData("gatewayDataPlanes:\n  lb:\n", ".kubenetlint.yaml:2:6: gatewayDataPlanes.lb must be `none` or a mapping with podLabels (and namespace), not ''")]
    [InlineData("gatewayDataPlanes:\n  lb: [none]\n", ".kubenetlint.yaml:2:7: 'gatewayDataPlanes.lb' must be a mapping, not a list")]
    [InlineData("gatewayDataPlanes:\n  lb: {namespace: infra}\n", ".kubenetlint.yaml:2:7: gatewayDataPlanes.lb needs podLabels")]
    [InlineData("gatewayDataPlanes:\n  lb: {podLabels: {a: b}, labels: {}}\n", ".kubenetlint.yaml:2:27: unknown key 'labels' in 'gatewayDataPlanes.lb' (known: podLabels, namespace)")]
    [InlineData("gatewayDataPlanes:\n  lb: {podLabels: a=b}\n", ".kubenetlint.yaml:2:19: 'gatewayDataPlanes.lb.podLabels' must be a mapping, not a string")]
    [InlineData("gatewayDataPlanes:\n  lb: {podLabels: {a: [b]}}\n", ".kubenetlint.yaml:2:23: 'gatewayDataPlanes.lb.podLabels.a' must be a single value, not a list")]
    [InlineData("gatewayDataPlanes:\n  lb: {podLabels: {a: b}, namespace: [x]}\n", ".kubenetlint.yaml:2:38: 'gatewayDataPlanes.lb.namespace' must be a single value, not a list")]
    public void GatewayDataPlane_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- ingressController ---------------------------------------------------------------------------

    [Fact]
    public void IngressController_keeps_the_default_of_each_key_it_does_not_set()
    {
        var d = IngressControllerConfig.Default;
        var ns = Parse("ingressController: {namespace: edge}\n").IngressController;
        Assert.Equal("edge", ns.Namespace);
        Assert.Same(d.NamespaceLabels, ns.NamespaceLabels);
        Assert.Same(d.PodLabels, ns.PodLabels);

        var nsLabels = Parse("ingressController: {namespaceLabels: {team: edge}}\n").IngressController;
        Assert.Equal("ingress-nginx", nsLabels.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "edge" }, nsLabels.NamespaceLabels);
        Assert.Same(d.PodLabels, nsLabels.PodLabels);

        var pods = Parse("ingressController: {podLabels: {app: traefik}}\n").IngressController;
        Assert.Equal("ingress-nginx", pods.Namespace);
        Assert.Same(d.NamespaceLabels, pods.NamespaceLabels);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "traefik" }, pods.PodLabels);

        var none = Parse("ingressController: {}\n").IngressController;
        Assert.Equal(d, none);
    }

    [Theory]
    [InlineData("ingressController: nginx\n", ".kubenetlint.yaml:1:20: 'ingressController' must be a mapping, not a string")]
    [InlineData("ingressController: {name: nginx}\n", ".kubenetlint.yaml:1:21: unknown key 'name' in 'ingressController' (known: namespace, namespaceLabels, podLabels)")]
    [InlineData("ingressController: {namespace: [a]}\n", ".kubenetlint.yaml:1:32: 'namespace' must be a single value, not a list")]
    [InlineData("ingressController: {namespaceLabels: a}\n", ".kubenetlint.yaml:1:38: 'namespaceLabels' must be a mapping, not a string")]
    [InlineData("ingressController: {podLabels: [a]}\n", ".kubenetlint.yaml:1:32: 'podLabels' must be a mapping, not a list")]
    [InlineData("ingressController: {podLabels: {app: ~}}\n", ".kubenetlint.yaml:1:38: 'podLabels.app' must be a single value, not a null")]
    public void IngressController_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));

    // --- connectivity --------------------------------------------------------------------------------

    [Fact]
    public void Connectivity_without_expectations_expects_nothing() =>
        Assert.Empty(Parse("connectivity: {}\n").Expectations);

    [Theory]
    [InlineData("allowed: true", true, false)]
    [InlineData("allowed: false", false, false)]
    [InlineData("allowed: true, transitive: true", true, true)]
    [InlineData("allowed: false, transitive: false", false, false)]
    [InlineData("allowed: yes, transitive: yes", true, true)]
    public void An_expectation_is_allowed_or_not_and_maybe_transitive(string flags, bool allowed, bool transitive)
    {
        var e = Assert.Single(Parse($"connectivity:\n  expect:\n    - {{from: a/Pod/x, to: 10.0.0.0/8, {flags}}}\n").Expectations);
        Assert.Equal(("a/Pod/x", "10.0.0.0/8", (string?)null, allowed, transitive), (e.From, e.To, e.Port, e.Allowed, e.Transitive));
        Assert.Equal((3, 7), (e.Location.Line, e.Location.Column));
        Assert.Equal(".kubenetlint.yaml", e.Location.Path);
    }

    [Theory]
    [InlineData("connectivity: [expect]\n", ".kubenetlint.yaml:1:15: 'connectivity' must be a mapping, not a list")]
    [InlineData("connectivity: {expected: []}\n", ".kubenetlint.yaml:1:16: unknown key 'expected' in 'connectivity' (known: expect)")]
    [InlineData("connectivity: {expect: {from: a}}\n", ".kubenetlint.yaml:1:24: 'connectivity.expect' must be a list, not a mapping")]
    [InlineData("connectivity: {expect: [a]}\n", ".kubenetlint.yaml:1:25: 'connectivity.expect[]' must be a mapping, not a string")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: true, protocol: TCP}\n", ".kubenetlint.yaml:3:39: unknown key 'protocol' in 'connectivity.expect[]' (known: from, to, port, allowed, transitive)")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b}\n", ".kubenetlint.yaml:3:7: connectivity.expect[].allowed must be true or false")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: maybe}\n", ".kubenetlint.yaml:3:33: connectivity.expect[].allowed must be true or false")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: 1}\n", ".kubenetlint.yaml:3:33: connectivity.expect[].allowed must be true or false")]
    // A value that is not a single value is pointed at, not the entry that holds it.
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: [true]}\n", ".kubenetlint.yaml:3:33: connectivity.expect[].allowed must be true or false")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: ~}\n", ".kubenetlint.yaml:3:33: connectivity.expect[].allowed must be true or false")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: true, transitive: often}\n", ".kubenetlint.yaml:3:51: connectivity.expect[].transitive must be true or false")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, allowed: true, transitive: [true]}\n", ".kubenetlint.yaml:3:51: connectivity.expect[].transitive must be true or false")]
    [InlineData("connectivity:\n  expect:\n    - {to: b, allowed: true}\n", ".kubenetlint.yaml:3:7: 'connectivity.expect[]' needs 'from'")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, allowed: true}\n", ".kubenetlint.yaml:3:7: 'connectivity.expect[]' needs 'to'")]
    [InlineData("connectivity:\n  expect:\n    - {from: [a], to: b, allowed: true}\n", ".kubenetlint.yaml:3:14: 'connectivity.expect[].from' must be a single value, not a list")]
    [InlineData("connectivity:\n  expect:\n    - {from: a, to: b, port: [80], allowed: true}\n", ".kubenetlint.yaml:3:30: 'port' must be a single value, not a list")]
    public void Connectivity_errors(string yaml, string expected) => Assert.Equal(expected, Error(yaml));
}
