using System.Xml.Linq;
using KubeNetLint.Core;
using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Tests.Reporting;

/// <summary>JUnit XML carries every message: characters XML 1.0 cannot hold become U+FFFD, surrogate pairs stay.</summary>
public sealed class JunitCleanTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "knl-junit-root");

    private static string FailureMessage(string message)
    {
        var file = new SourceFile { Path = "m.yaml", FullPath = Path.Combine(Root, "m.yaml"), Text = "a: b" };
        var finding = new Finding { RuleId = "KNL101", RuleName = "x", Level = Level.Warning, Message = message, Location = new SourceLocation(file, SourceSpan.At(1, 1)) };
        var sw = new StringWriter();
        new JunitReportWriter().Write(new ReportContext { Findings = [finding], Rules = [], ToolVersion = "1", SourceRoot = Root }, sw);
        var failure = XDocument.Parse(sw.ToString()).Descendants("failure").Single();
        Assert.Equal($"m.yaml:1:1: warning KNL101 x: {failure.Attribute("message")!.Value}", failure.Value);
        return failure.Attribute("message")!.Value;
    }

    [Theory]
    [InlineData("plain text.", "plain text.")]
    [InlineData("a\u0001b\u001Fc\u0000.", "a\uFFFDb\uFFFDc\uFFFD.")]
    // A pair is one character.
    [InlineData("smile \U0001F600.", "smile \U0001F600.")]
    [InlineData("\U0001F600", "\U0001F600")]
    [InlineData("x\U0001F600\U0001F601", "x\U0001F600\U0001F601")]
    [InlineData("\u0001\U0001F600", "\uFFFD\U0001F600")]
    [InlineData("\U0001F600\u0001", "\U0001F600\uFFFD")]
    [InlineData("\uFFFE", "\uFFFD")]
    public void Messages_keep_their_characters_and_lose_what_xml_cannot_carry(string message, string expected)
    {
        Assert.Equal(expected, FailureMessage(message));
    }

    // Lone surrogates are built from chars: an attribute's strings cannot hold them.
    private const char High = (char)0xD83D, Low = (char)0xDE00;

    [Fact]
    public void A_lone_half_of_a_pair_is_not_a_character_at_the_start_in_the_middle_or_at_the_end()
    {
        Assert.Equal("\uFFFDx\uFFFD", FailureMessage($"{Low}x{High}"));
        Assert.Equal("a\uFFFDb", FailureMessage($"a{High}b"));
        Assert.Equal("\uFFFD\U0001F600", FailureMessage($"{High}{High}{Low}"));
        Assert.Equal("\uFFFD\uFFFD.", FailureMessage($"{Low}{High}."));
        Assert.Equal("\U0001F600\uFFFD", FailureMessage($"{High}{Low}{High}"));
    }
}
