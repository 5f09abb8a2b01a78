namespace KubeNetLint.Cli;

/// <summary>"did you mean …?" for a mistyped option, command or rule: the closest candidate by edit
/// distance, when it is close enough to be a typo rather than a different word.</summary>
public static class Suggestions
{
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        // A word cut short ("warn" for "warning") is the likeliest slip.
        var bare = typed.TrimStart('-');
        if (bare.Length >= 2)
        {
            var prefixed = list.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Length).FirstOrDefault();
            if (prefixed is not null) return prefixed;
        }
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            int d = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        int allowed = Math.Max(1, bare.Length / 3);
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>" (did you mean X?)", or "" when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } s ? $" (did you mean {s}?)" : "";

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}

/// <summary>A command line that cannot be run as written (exit 2).</summary>
public sealed class UsageException(string message) : Exception(message);
