using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Rules.Ingresses;

using KubeNetLint.Core.Model;

public sealed class InvalidIngressPath : Rule
{
    private static readonly string[] PathTypes = new string[] { "Exact", "Prefix", "ImplementationSpecific" };
    // The API server's checks for Exact and Prefix paths.
    private static readonly string[] InvalidSequences = new string[] { "//", "/./", "/../", "%2f", "%2F" };
    private static readonly string[] InvalidSuffixes = new string[] { "/..", "/." };
    private static readonly char[] RegexChars = new char[] { '^', '$', '(', ')', '[', ']', '{', '}', '|', '*', '+', '?', '\\' };

    public override RuleInfo Info { get; } = new("KNL210", "invalid-ingress-path", Level.Error,
        "An Ingress path that the API server rejects (not starting with '/', unknown or missing pathType), or a regular expression under a literal pathType (warning).");

    public override IEnumerable<Finding> Check(AnalysisContext context)
    {
        foreach (var ing in context.Model.Ingresses)
            foreach (var path in ing.Rules.SelectMany(r => r.Paths))
            {
                var f = Check(ing, path);
                if (f is not null) yield return f;
            }
    }

    private Finding? Check(Ingress ing, IngressPath p)
    {
        Node pathAt = (Node?)p.PathNode ?? p.Node;
        var pathType = p.PathType;
        if (pathType is null)
        {
            if (!ing.IsLegacyApi)
                return At(pathAt, "pathType is required in networking.k8s.io/v1 (Exact, Prefix or ImplementationSpecific); the API server rejects this Ingress", ing.Resource);
            pathType = "ImplementationSpecific"; // the legacy APIs default it
        }
        else if (!PathTypes.Contains(pathType))
        {
            var fix = PathTypes.FirstOrDefault(t => string.Equals(t, pathType, StringComparison.OrdinalIgnoreCase));
            return At((Node?)p.PathTypeNode ?? p.Node,
                $"pathType '{pathType}' is not one of Exact, Prefix, ImplementationSpecific{(fix is null ? "" : $" (values are case-sensitive: '{fix}')")}; the API server rejects this Ingress",
                ing.Resource);
        }

        var path = p.Path ?? "";
        if (pathType == "ImplementationSpecific")
            return path.Length > 0 && path[0] != '/'
                ? At(pathAt, $"path '{path}' must start with '/'; the API server rejects this Ingress", ing.Resource)
                : null;

        if (path.Length == 0) return At(pathAt, $"pathType {pathType} needs a path starting with '/'; the API server rejects this Ingress", ing.Resource);
        if (path[0] != '/') return At(pathAt, $"path '{path}' must start with '/'; the API server rejects this Ingress", ing.Resource);
        var seq = InvalidSequences.FirstOrDefault(s => path.Contains(s, StringComparison.Ordinal));
        if (seq is not null)
            return At(pathAt, $"path '{path}' contains '{seq}', which pathType {pathType} does not allow; the API server rejects this Ingress", ing.Resource);
        var suffix = InvalidSuffixes.FirstOrDefault(s => path.EndsWith(s, StringComparison.Ordinal));
        if (suffix is not null)
            return At(pathAt, $"path '{path}' ends with '{suffix}', which pathType {pathType} does not allow; the API server rejects this Ingress", ing.Resource);
        if (path.AsSpan().ContainsAny(RegexChars))
            return At(pathAt,
                $"path '{path}' looks like a regular expression, but pathType {pathType} matches it literally (only a request for exactly these characters matches); put a regex path under pathType ImplementationSpecific (ingress-nginx: with nginx.ingress.kubernetes.io/use-regex; its recent versions reject regex characters in {pathType} paths)",
                ing.Resource) with { Level = Level.Warning };
        return null;
    }
}
