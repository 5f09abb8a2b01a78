using System.Text.RegularExpressions;

namespace KubeNetLint.Core.Rules;

/// <summary>A rule's documentation, read from `rules/ID.md` (embedded in the assembly). The doc is the one
/// source of the help text: `kubenetlint rules`, SARIF and the README table all come from it.</summary>
public sealed record RuleDoc(string Id, string Markdown, string WhatItFinds, string WhyItMatters, string Example, string HowToFix)
{
    /// <summary>Plain text for SARIF `help.text`: the sections without Markdown decoration.</summary>
    public string PlainText =>
        $"What it finds: {WhatItFinds}\n\nWhy it matters: {WhyItMatters}\n\nHow to fix: {HowToFix}";
}

public static partial class RuleDocs
{
    public const string HelpBaseUri = "https://github.com/kubenetlint/kubenetlint/blob/main/rules/";
    public static readonly string[] Sections = new string[] { "What it finds", "Why it matters", "Example", "How to fix" };

    private static readonly Lazy<Dictionary<string, RuleDoc>> All = new Lazy<Dictionary<string, RuleDoc>>(LoadAll);

    public static RuleDoc? For(string id) => All.Value.GetValueOrDefault(id);

    public static IReadOnlyCollection<string> DocumentedIds => All.Value.Keys;

    /// <summary>Reads every embedded rule doc (the project embeds rules/*.md as rules/NAME.md); the
    /// cache above calls it once.</summary>
    internal static Dictionary<string, RuleDoc> LoadAll()
    {
        var asm = typeof(RuleDocs).Assembly;
        var docs = new Dictionary<string, RuleDoc>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames())
        {
            if (!name.StartsWith("rules/", StringComparison.Ordinal)) continue;
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var id = name["rules/".Length..^".md".Length];
            var doc = Parse(id, reader.ReadToEnd());
            if (doc is not null) docs[id] = doc;
        }
        return docs;
    }

    /// <summary>Splits a doc into its sections; null when a section is missing.</summary>
    public static RuleDoc? Parse(string id, string markdown)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var buffer = new List<string>();
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null) sections[current] = string.Join('\n', buffer).Trim();
                current = line[3..].Trim();
                buffer.Clear();
            }
            else if (current is not null) buffer.Add(line);
        }
        if (current is not null) sections[current] = string.Join('\n', buffer).Trim();
        if (Sections.Any(s => !sections.ContainsKey(s) || sections[s].Length == 0)) return null;
        return new RuleDoc(id, markdown, Flatten(sections["What it finds"]), Flatten(sections["Why it matters"]),
            sections["Example"], Flatten(sections["How to fix"]));
    }

    private static string Flatten(string markdown) => Whitespace().Replace(markdown.Replace("`", ""), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
