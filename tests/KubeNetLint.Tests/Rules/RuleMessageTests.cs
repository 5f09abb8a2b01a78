using KubeNetLint.Core.Rules;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules;

/// <summary>What every rule's findings share: messages written as sentences, and the span of a finding
/// about a whole field (from its key to the end of its value).</summary>
public sealed class RuleMessageTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a", "A.")]
    [InlineData("the selector selects nothing", "The selector selects nothing.")]
    [InlineData("  padded  ", "Padded.")]
    [InlineData("all done.", "All done.")]
    [InlineData("it works!", "It works!")]
    [InlineData("is it?", "Is it?")]
    [InlineData("targetPort 'http' names no port", "targetPort 'http' names no port.")]
    [InlineData("spec.ports is empty", "spec.ports is empty.")]
    [InlineData("Already capitalised", "Already capitalised.")]
    public void Messages_are_sentences(string message, string expected) =>
        Assert.Equal(expected, Rule.EndSentence(message));

    private const string Workload = """
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {app: web}
        spec:
          containers:
            - name: web
              image: web:1
        """;

    [Fact]
    public void A_field_on_one_line_spans_its_key_and_value()
    {
        var yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: api}\n  ports: [{port: 80}]\n" + Workload;
        var span = Lint.Text(yaml).Reported.Single(f => f.RuleId == "KNL101").Location.Span;
        // The end column is the value's last character ('}'), inclusive.
        Assert.Equal((6, 3, 6, "  selector: {app: api}".Length), (span.StartLine, span.StartColumn, span.EndLine, span.EndColumn));
    }

    [Fact]
    public void A_field_over_several_lines_ends_where_its_value_ends()
    {
        var yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: api\n    tier: front\n  ports: [{port: 80}]\n" + Workload;
        var span = Lint.Text(yaml).Reported.Single(f => f.RuleId == "KNL101").Location.Span;
        // A block mapping ends where the next key starts (YamlDotNet's end mark): line 9, column 3.
        Assert.Equal((6, 3, 9, 3), (span.StartLine, span.StartColumn, span.EndLine, span.EndColumn));
    }
}
