using System.Net;
using System.Reflection;
using System.Text.Encodings.Web;

namespace KubeNetLint.Core.Reporting.Html;

/// <summary>The parts every HTML page shares: one self-contained file (no network), its CSS and JS
/// embedded from the assembly, and the page's data as JSON in a non-executed script element. Data is
/// written piece by piece to the output (no whole-page string), and every string goes through
/// <see cref="JavaScriptEncoder.Default"/>, which escapes &lt; &gt; &amp; and quotes, so manifest text cannot end
/// the script element; the page's script puts it in the DOM only as text (textContent), never as markup.</summary>
public static class HtmlPage
{
    /// <summary>Where the rule docs live (the same base as SARIF's helpUri).</summary>
    public static string RuleDocsBase => Rules.RuleDocs.HelpBaseUri;

    public static string Asset(string name)
    {
        using var stream = typeof(HtmlPage).Assembly.GetManifestResourceStream("html/" + name)
            ?? throw new InvalidOperationException($"embedded asset html/{name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The head and the start of the body, up to the opening of the data element.</summary>
    public static void Begin(TextWriter w, string title, string kind, string version)
    {
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // No network: nothing is loaded from anywhere, not even from the file's own directory.
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<meta name=\"generator\" content=\"kubenetlint {Text(version)}\">\n<title>{Text(title)}</title>\n<style>\n");
        w.Write(Asset("common.css"));
        w.Write("</style>\n</head>\n<body class=\"");
        w.Write(kind);
        w.Write("\">\n<noscript><p class=\"noscript\">This report is drawn by the JavaScript inside this file; allow scripts for this page.</p></noscript>\n");
        w.Write("<script type=\"application/json\" id=\"knl-data\">");
    }

    /// <summary>Closes the data element and adds the page's script.</summary>
    public static void End(TextWriter w, string script)
    {
        w.Write("</script>\n<script>\n");
        w.Write(Asset("common.js"));
        w.Write(Asset(script));
        w.Write("</script>\n</body>\n</html>\n");
    }

    public static string Text(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A JSON string literal that is also safe inside a script element.</summary>
    public static void Str(TextWriter w, string? s)
    {
        if (s is null) { w.Write("null"); return; }
        w.Write('"');
        w.Write(JavaScriptEncoder.Default.Encode(s));
        w.Write('"');
    }

    public static void Num(TextWriter w, long n) => w.Write(n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>`"name":` for the next value.</summary>
    public static void Key(TextWriter w, string name)
    {
        Str(w, name);
        w.Write(':');
    }
}
