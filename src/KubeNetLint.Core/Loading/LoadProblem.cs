namespace KubeNetLint.Core.Loading;

/// <summary>What went wrong while turning bytes into documents. Loading only records these; the input
/// rules (KNL001, KNL003, KNL006) turn them into findings.</summary>
public enum LoadProblemKind
{
    /// <summary>YAML or JSON that does not parse, or exceeds a structural limit (depth, alias expansion).</summary>
    Syntax,
    /// <summary>Helm/Go template syntax in a file that was not rendered.</summary>
    Template,
    /// <summary>A file that cannot be read as text (I/O error, binary, bad encoding, too large, link loop).</summary>
    Unreadable,
}

public sealed record LoadProblem(LoadProblemKind Kind, SourceLocation Location, string Message);
