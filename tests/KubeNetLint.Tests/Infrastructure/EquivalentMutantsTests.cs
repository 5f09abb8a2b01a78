using System.Text;
using System.Text.RegularExpressions;

namespace KubeNetLint.Tests.Infrastructure;

/// <summary>The equivalent mutants (issue 18): a mutant no input can tell apart from the original is marked
/// on its line with <c>// Stryker disable once &lt;Mutator&gt; : &lt;reason&gt;</c>. These tests keep every
/// such mark narrow (one line, named mutators, a reason) and keep the list of them in
/// docs/equivalent-mutants.md, so a new one is a reviewed change, never a silent skip.</summary>
public partial class EquivalentMutantsTests
{
    // Stryker.NET 5's mutator names as its comments accept them (Mutator enum).
    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "Statement", "Arithmetic", "Block", "Equality", "Boolean", "Logical", "Assignment", "Unary", "Update",
        "Checked", "Linq", "String", "Bitwise", "Initializer", "Regex", "NullCoalescing", "Math", "StringMethod",
        "Conditional", "CollectionExpression",
    };

    [GeneratedRegex(@"//\s*Stryker\s+(?<rest>.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^disable once (?<mutators>[A-Za-z]+(,[A-Za-z]+)*) : (?<reason>\S.{19,})$")]
    private static partial Regex Once();

    private sealed record Mark(string File, int Line, string Mutators, string Reason, string Code);

    private static List<Mark> Marks(out List<string> malformed)
    {
        malformed = [];
        var marks = new List<Mark>();
        var src = Path.Combine(Repo.Root, "src");
        foreach (var path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
                     .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                 && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                     .Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            var file = Path.GetRelativePath(Repo.Root, path).Replace('\\', '/');
            for (int i = 0; i < lines.Length; i++)
            {
                var c = Comment().Match(lines[i]);
                if (!c.Success) continue;
                var once = Once().Match(c.Groups["rest"].Value.Trim());
                var code = i + 1 < lines.Length ? lines[i + 1].Trim() : "";
                if (!once.Success || code.Length == 0 || code.StartsWith("//", StringComparison.Ordinal))
                {
                    malformed.Add($"{file}:{i + 1}: {lines[i].Trim()}");
                    continue;
                }
                var unknown = once.Groups["mutators"].Value.Split(',').Where(m => !Mutators.Contains(m)).ToList();
                if (unknown.Count > 0) malformed.Add($"{file}:{i + 1}: unknown mutator {string.Join(", ", unknown)}");
                marks.Add(new Mark(file, i + 1, once.Groups["mutators"].Value, once.Groups["reason"].Value, code));
            }
        }
        return marks;
    }

    [Fact]
    public void Every_mark_covers_one_line_names_its_mutators_and_gives_a_reason()
    {
        var marks = Marks(out var malformed);
        // Only `disable once <Mutator[,Mutator]> : <reason of 20+ characters>` directly above code: no
        // `disable all`, no `disable next`/`restore` ranges, no mark without a reason.
        Assert.True(malformed.Count == 0, "malformed Stryker comments:\n" + string.Join("\n", malformed));
        Assert.NotEmpty(marks);
    }

    [Fact]
    public void The_list_of_equivalent_mutants_is_up_to_date()
    {
        var marks = Marks(out _);
        var text = new StringBuilder();
        text.Append("# Equivalent mutants\n\n");
        text.Append("Mutants that no input can tell apart from the original code, so no test can kill them (issue 18).\n");
        text.Append("Each is marked in the source, on the line before the code, with `// Stryker disable once <Mutator> : <reason>`;\n");
        text.Append("Stryker reports it as Ignored. This list is generated from those marks and checked by\n");
        text.Append("`EquivalentMutantsTests` (`UPDATE_GOLDEN=1 dotnet test --filter EquivalentMutants` rewrites it);\n");
        text.Append("a new mark is a reviewed change of this file. Where a simpler shape of the code removes the mutant,\n");
        text.Append("the code was simplified instead.\n\n");
        text.Append($"{marks.Count} marks.\n");
        foreach (var byFile in marks.GroupBy(m => m.File))
        {
            text.Append($"\n## {byFile.Key}\n\n");
            foreach (var m in byFile)
                text.Append($"- {m.Mutators} on `{m.Code.Replace("`", "'")}`: {m.Reason}\n");
        }
        Golden.AssertAt(Path.Combine(Repo.Root, "docs", "equivalent-mutants.md"), "docs/equivalent-mutants.md", text.ToString());
    }
}
