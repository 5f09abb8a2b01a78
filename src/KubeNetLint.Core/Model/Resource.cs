using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>One Kubernetes object as written in the input. Typed views (Service, Workload, …) sit on top
/// of it; unknown kinds are kept as plain resources.</summary>
public sealed class Resource
{
    public const string IgnoreAnnotation = "kubenetlint.io/ignore";

    public required MappingNode Root { get; init; }
    public required string ApiVersion { get; init; }
    public required string Kind { get; init; }
    /// <summary>The API group ("" for the core group).</summary>
    public required string Group { get; init; }
    /// <summary>metadata.name; without one, generateName followed by '*' (the API server adds a suffix); ""
    /// when neither is written non-empty (the API server rejects the object, KNL011).</summary>
    public required string Name { get; init; }
    /// <summary>After defaulting; null for cluster-scoped kinds.</summary>
    public required string? Namespace { get; init; }
    public required bool NamespaceWasSet { get; init; }
    public required IReadOnlyDictionary<string, string> Labels { get; init; }
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }
    public MappingNode? Metadata { get; init; }
    /// <summary>Position of the document (or List item) in the input, for ordering.</summary>
    public required int Order { get; init; }

    public SourceFile File => Root.File;

    /// <summary>Where to point when a finding concerns the whole object: its name, else its kind, else the document.</summary>
    public SourceLocation Location => (Metadata?["name"] ?? Root["kind"] ?? Root).Location;

    public ScalarNode? KindNode => Root["kind"] as ScalarNode;
    public ScalarNode? NameNode => Metadata?["name"] as ScalarNode;
    public MappingNode? Spec => Root["spec"] as MappingNode;

    /// <summary>"ns/Kind/name", or "Kind/name" for cluster-scoped objects.</summary>
    public string Id => Namespace is null ? $"{Kind}/{Name}" : $"{Namespace}/{Kind}/{Name}";

    /// <summary>Identity for duplicate detection: group, kind, namespace and name.</summary>
    public string Identity => $"{Group}/{Kind}/{Namespace}/{Name}";

    public override string ToString() => Id;

    /// <summary>Rule ids (or "all") suppressed for this object by the kubenetlint.io/ignore annotation,
    /// with the reason written after ` -- ` (`"KNL101 -- served by the mesh"`).</summary>
    public IgnoreDirective Ignore => _ignore ??= Annotations.TryGetValue(IgnoreAnnotation, out var value)
        ? IgnoreDirective.Parse(value)
        : new IgnoreDirective(new HashSet<string>(), null);
    private IgnoreDirective? _ignore;

    public IReadOnlySet<string> IgnoredRules => Ignore.Rules;

    public bool Suppresses(string ruleId) => IgnoredRules.Contains("all") || IgnoredRules.Contains(ruleId);
}
