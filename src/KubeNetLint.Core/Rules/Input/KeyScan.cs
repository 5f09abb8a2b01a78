using System.Text;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;
using KubeNetLint.Core.Model.Schema;

namespace KubeNetLint.Core.Rules.Input;

/// <summary>A key that the object's API type does not have (KNL007). Path: the field as written, from
/// the object's root ("spec.ports[].NodePort").</summary>
internal sealed record UnknownKeyFound(ScalarNode Key, string Path, Resource Subject, string? Suggestion);

/// <summary>A key given again later in the same mapping (KNL008): the value at <see cref="Key"/> is lost,
/// the one at <see cref="Winner"/> (the last) is used.</summary>
internal sealed record DuplicateKeyFound(ScalarNode Key, ScalarNode Winner, string Path, Resource? Subject);

/// <summary>One walk over every document's node tree that finds both unknown fields (checked against
/// <see cref="ApiSchema"/> for the built-in kinds it knows) and duplicate keys (in every mapping of every
/// document). Shared by KNL007 and KNL008 through <see cref="AnalysisContext.Shared{T}"/>. Linear: each
/// mapping's keys are looked up once in its type's dictionary, and duplicates are found with a pairwise
/// comparison of at most eight keys or one dictionary pass for larger mappings.</summary>
internal sealed class KeyScan
{
    public const string SharedKey = "input.key-scan";

    /// <summary>Up to this many entries, duplicates are found by comparing keys pairwise.</summary>
    private const int SmallMapping = 8;

    public required IReadOnlyList<UnknownKeyFound> UnknownKeys { get; init; }
    public required IReadOnlyList<DuplicateKeyFound> DuplicateKeys { get; init; }

    public static KeyScan Of(AnalysisContext context) => context.Shared(SharedKey, () => Run(context.Model));

    public static KeyScan Run(ResourceModel model)
    {
        var resources = new Dictionary<MappingNode, Resource>(model.Resources.Count, ReferenceEqualityComparer.Instance);
        foreach (var r in model.Resources) resources.TryAdd(r.Root, r);
        var roots = model.Documents;

        // Documents are independent, so large inputs are walked in parallel chunks (each with its own walker),
        // in order. Small inputs are walked on this thread: the result is the same, without PLINQ's start-up.
        const int chunk = 256;
        // Stryker disable once Equality : only picks the sequential or the parallel walk, whose results are identical
        List<Walker> walkers = roots.Count <= chunk
            ? [new Walker(resources).Walk(roots)]
            : roots.Chunk(chunk).AsParallel().AsOrdered().Select(c => new Walker(resources).Walk(c)).ToList();
        return new KeyScan
        {
            UnknownKeys = [.. walkers.SelectMany(w => w.Unknown)],
            DuplicateKeys = [.. walkers.SelectMany(w => w.Duplicates)],
        };
    }

    private sealed class Walker(Dictionary<MappingNode, Resource> resources)
    {
        public readonly List<UnknownKeyFound> Unknown = [];
        public readonly List<DuplicateKeyFound> Duplicates = [];

        /// <summary>The field path from the current object's root: key names and "[]" for list items.</summary>
        private List<string> _path = [];
        private Resource? _subject;
        /// <summary>Keys already reported (a merged mapping's keys can stand in several mappings).</summary>
        private HashSet<ScalarNode>? _reportedUnknown, _reportedDuplicate;
        private Dictionary<string, int>? _lastIndex;

        /// <summary>Collections already walked in a document with aliases, where a node can be reached more
        /// than once: each is walked once (its first path is the one reported), so an alias bomb costs no
        /// more than its text. Null for documents without aliases (nearly all).</summary>
        private HashSet<Node>? _walked;

        public Walker Walk(IEnumerable<ParsedDocument> documents)
        {
            foreach (var document in documents)
            {
                _walked = document.HasAliases ? new(ReferenceEqualityComparer.Instance) : null;
                Visit(document.Root, null);
            }
            _walked = null;
            return this;
        }

        /// <summary>type: what the API expects here; null where nothing is checked (unknown kinds, free-form
        /// values, scalars, or a node whose shape is not the expected one: KNL005's business).</summary>
        private void Visit(Node node, FieldType? type)
        {
            // Only collections are recorded (visiting a scalar does nothing), which keeps the set small.
            // Stryker disable once Equality,Logical : recording scalars too changes only the set's size.
            if (_walked is not null && node is not ScalarNode && !_walked.Add(node)) return;
            switch (node)
            {
                case MappingNode m:
                    var resource = _subject is null ? resources.GetValueOrDefault(m) : null;
                    if (resource is not null) VisitObject(m, resource);
                    else VisitMapping(m, type, isObjectRoot: false);
                    break;
                case SequenceNode s:
                    var item = type is { Shape: FieldShape.List } ? type.Element : null;
                    _path.Add("[]");
                    var items = s.Items;
                    for (int i = 0; i < items.Count; i++) Visit(items[i], item);
                    _path.RemoveAt(_path.Count - 1);
                    break;
            }
        }

        /// <summary>The root of a Kubernetes object: checked when its apiVersion and kind are known built-ins.</summary>
        private void VisitObject(MappingNode root, Resource resource)
        {
            var outerPath = _path;
            _path = [];
            _subject = resource;
            var type = ApiSchema.Shared.KindType(resource.ApiVersion, resource.Kind);
            VisitMapping(root, type?.AsField, isObjectRoot: true);
            _subject = null;
            _path = outerPath;
        }

        private void VisitMapping(MappingNode m, FieldType? type, bool isObjectRoot)
        {
            var entries = m.Entries;
            var superseded = FindDuplicates(m);
            var fields = type is { Shape: FieldShape.Object } ? type.Object : null;
            var mapValues = type is { Shape: FieldShape.Map } ? type.Element : null;
            for (int i = 0; i < entries.Count; i++)
            {
                var (key, value) = entries[i];
                FieldType? valueType = mapValues;
                if (fields is not null && !fields.TryGetField(key.Value, out valueType))
                {
                    // `status` is accepted on every object (the API server ignores or resets it on writes),
                    // and strategic-merge-patch directives belong to patch files (kustomize), not to the API.
                    if (!(isObjectRoot && key.Value == "status") && !IsPatchDirective(key.Value))
                        ReportUnknown(key, fields, isObjectRoot);
                    valueType = null;
                }
                // A value that a later duplicate replaces never reaches the API server: not checked.
                if (superseded is not null && superseded[i]) valueType = null;
                _path.Add(key.Value);
                Visit(value, valueType);
                _path.RemoveAt(_path.Count - 1);
            }
        }

        /// <summary>Reports every key given again later in the mapping; returns which entries a later one
        /// replaces (null when there are none, the usual case).</summary>
        private bool[]? FindDuplicates(MappingNode m)
        {
            var entries = m.Entries;
            int n = entries.Count;
            if (n < 2) return null;
            bool[]? superseded = null;
            // Stryker disable once Equality : only picks the pairwise or the dictionary search, which find the same duplicates in the same order
            if (n <= SmallMapping)
            {
                // The last key has no later one: its inner loop is empty.
                for (int i = 0; i < n; i++)
                {
                    var key = entries[i].Key.Value;
                    for (int j = n - 1; j > i; j--)
                    {
                        if (entries[j].Key.Value != key) continue;
                        (superseded ??= new bool[n])[i] = true;
                        ReportDuplicate(entries[i].Key, entries[j].Key);
                        break;
                    }
                }
                return superseded;
            }
            // A reused dictionary; one that grew large is dropped so clearing it stays cheap.
            var last = _lastIndex ??= new Dictionary<string, int>(StringComparer.Ordinal);
            last.Clear();
            for (int i = 0; i < n; i++) last[entries[i].Key.Value] = i;
            // No repeated key (nearly always): nothing to look up again.
            // Stryker disable once Equality : a fast path; the loop finds no duplicate when every key is distinct.
            if (last.Count < n)
                for (int i = 0; i < n; i++)
                {
                    int winner = last[entries[i].Key.Value];
                    if (winner == i) continue;
                    (superseded ??= new bool[n])[i] = true;
                    ReportDuplicate(entries[i].Key, entries[winner].Key);
                }
            // Stryker disable once Equality : memory only (which dictionary the next large mapping uses)
            if (last.Count > 1024) _lastIndex = null;
            return superseded;
        }

        private static bool IsPatchDirective(string key) =>
            key.StartsWith('$') && (key == "$patch" || key == "$retainKeys" ||
                                    key.StartsWith("$setElementOrder/", StringComparison.Ordinal) ||
                                    key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal));

        private void ReportUnknown(ScalarNode key, ObjectType type, bool isObjectRoot)
        {
            if (!(_reportedUnknown ??= new(ReferenceEqualityComparer.Instance)).Add(key)) return;
            IEnumerable<string> known = type.Fields.Keys;
            if (isObjectRoot && !type.Fields.ContainsKey("status")) known = known.Append("status");
            Unknown.Add(new UnknownKeyFound(key, PathText(key.Value), _subject!, FieldSuggestion.For(key.Value, known)));
        }

        private void ReportDuplicate(ScalarNode key, ScalarNode winner)
        {
            if (!(_reportedDuplicate ??= new(ReferenceEqualityComparer.Instance)).Add(key)) return;
            Duplicates.Add(new DuplicateKeyFound(key, winner, PathText(key.Value), _subject));
        }

        private string PathText(string last)
        {
            var text = new StringBuilder();
            foreach (var part in _path)
            {
                if (part == "[]") text.Append("[]");
                else
                {
                    if (text.Length > 0) text.Append('.');
                    text.Append(part);
                }
            }
            if (text.Length > 0) text.Append('.');
            return text.Append(last).ToString();
        }
    }
}

/// <summary>"Did you mean …?" for a misspelt field: a field equal to it but for case, else the closest one
/// within a small edit distance (insertions, deletions, substitutions and swaps of neighbours, ignoring case).</summary>
internal static class FieldSuggestion
{
    public static string? For(string key, IEnumerable<string> fields)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Clamp(key.Length / 4, 1, 3);
        // Of two fields equally close, the first in ordinal order wins.
        foreach (var field in fields)
        {
            if (string.Equals(field, key, StringComparison.OrdinalIgnoreCase)) return field;
            if (Math.Abs(field.Length - key.Length) > limit) continue;
            int d = Distance(key, field);
            if (d <= limit && (d < bestDistance || (d == bestDistance && string.CompareOrdinal(field, best) < 0)))
            {
                best = field;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance, case-insensitive.</summary>
    internal static int Distance(string a, string b)
    {
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                int d = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2]) &&
                    char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                    d = Math.Min(d, prev2[j - 2] + 1);
                cur[j] = d;
            }
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return prev[b.Length];
    }
}
