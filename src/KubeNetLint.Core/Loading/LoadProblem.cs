namespace KubeNetLint.Core.Loading;

/// <summary>What went wrong while turning bytes into documents. Loading only records these; the input
/// rules (KNL001, KNL003, KNL006, KNL009, KNL010) turn them into findings.</summary>
public enum LoadProblemKind
{
    /// <summary>YAML or JSON that does not parse, or exceeds a structural limit (depth, alias expansion).</summary>
    Syntax,
    /// <summary>Helm/Go template syntax in a file that was not rendered.</summary>
    Template,
    /// <summary>A file that cannot be read as text (I/O error, binary, bad encoding, too large, link loop).</summary>
    Unreadable,
    /// <summary>A `%YAML` or `%TAG` directive: parsed, but kubectl's document splitter cuts it off (KNL009).</summary>
    Directive,
    /// <summary>Line breaks that are a lone CR in a file of several documents: kubectl splits only at LF (KNL010).</summary>
    CrLineBreaks,
}

public sealed record LoadProblem(LoadProblemKind Kind, SourceLocation Location, string Message);
