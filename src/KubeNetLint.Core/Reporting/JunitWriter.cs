using System.Text;
using System.Xml;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Core.Reporting;

/// <summary>JUnit XML for Jenkins, Azure Pipelines and GitLab's test reports: one testsuite per rule
/// that has findings, one testcase per rule and file, one failure per finding (file:line:col, level,
/// message). Suppressed findings make a testcase skipped, not failed. With no findings at all there is
/// one passing testcase, so the CI shows that the check ran.</summary>
public sealed class JunitReportWriter : IReportWriter
{
    public void Write(ReportContext context, TextWriter output)
    {
        var byRule = context.Findings
            .Select(f => (Finding: f, Location: context.RepositoryLocation(f.Location)))
            .GroupBy(x => (x.Finding.RuleId, x.Finding.RuleName))
            .OrderBy(g => g.Key.RuleId, StringComparer.Ordinal)
            .ToList();
        // The declaration says UTF-8 whatever the TextWriter's encoding (a StringWriter's is UTF-16),
        // which is what the file holds.
        output.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        using var xml = XmlWriter.Create(output, settings);
        int totalCases = 0, totalFailures = 0, totalSkipped = 0;
        var suites = byRule.Select(rule =>
        {
            var cases = rule.GroupBy(x => x.Location.Path).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            int failures = cases.Count(c => c.Any(x => !x.Finding.Suppressed));
            int skipped = cases.Count - failures;
            totalCases += cases.Count; totalFailures += failures; totalSkipped += skipped;
            return (rule.Key, Cases: cases, Failures: failures, Skipped: skipped);
        }).ToList();

        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "kubenetlint");
        xml.WriteAttributeString("tests", (suites.Count == 0 ? 1 : totalCases).ToString(System.Globalization.CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", Number(totalFailures));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", Number(totalSkipped));
        if (suites.Count == 0)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", "kubenetlint");
            xml.WriteAttributeString("tests", "1");
            xml.WriteAttributeString("failures", "0");
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", "kubenetlint");
            xml.WriteAttributeString("name", Clean($"no findings in {Summary.Plural(context.FileCount, "file")}"));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        foreach (var suite in suites)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", $"{suite.Key.RuleId} {suite.Key.RuleName}");
            xml.WriteAttributeString("tests", Number(suite.Cases.Count));
            xml.WriteAttributeString("failures", Number(suite.Failures));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", Number(suite.Skipped));
            foreach (var @case in suite.Cases)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", suite.Key.RuleId);
                xml.WriteAttributeString("name", Clean(@case.Key));
                xml.WriteAttributeString("file", Clean(@case.Key));
                var visible = @case.Where(x => !x.Finding.Suppressed).ToList();
                if (visible.Count == 0)
                {
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", Clean("suppressed: " + string.Join("; ", @case.Select(x => x.Finding.Justification ?? "in source").Distinct())));
                    xml.WriteEndElement();
                }
                foreach (var (f, (path, span)) in visible)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", f.Level.ToName());
                    xml.WriteAttributeString("message", Clean(f.Message));
                    xml.WriteString(Clean($"{path}:{span.StartLine}:{span.StartColumn}: {f.Level.ToName()} {f.RuleId} {f.RuleName}: {f.Message}"));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.Flush();
        output.WriteLine();
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Characters XML 1.0 cannot carry (control characters from the input) become U+FFFD.</summary>
    private static string Clean(string s)
    {
        if (s.All(XmlConvert.IsXmlChar)) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (i + 1 < s.Length && char.IsSurrogatePair(s[i], s[i + 1])) { sb.Append(s, i, 2); i++; }
            else sb.Append(XmlConvert.IsXmlChar(s[i]) ? s[i] : '\uFFFD');
        }
        return sb.ToString();
    }
}
