using System.Text;
using KubeNetLint.Core.Rules.Input;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Rules.Input;

/// <summary>The walk behind KNL007 and KNL008: large inputs (walked in parallel chunks of 256 documents)
/// give the same findings in document order, patch directives and `status`, and the suggestion's limits.</summary>
public sealed class KeyScanTests
{
    /// <summary>ConfigMaps c0..c{count-1}; every 50th has a typo (`dat`) and every 70th a duplicate key.</summary>
    private static string ManyDocuments(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append($"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n");
            if (i % 50 == 49) text.Append("dat: {}\n");
            if (i % 70 == 69) text.Append("data: {a: x, a: y}\n");
        }
        return text.ToString();
    }

    [Theory]
    [InlineData(256)]   // one chunk: walked on the calling thread
    [InlineData(257)]   // one past: two chunks, the second with one document
    [InlineData(300)]
    [InlineData(700)]   // three chunks
    public void Every_document_is_walked_once_and_findings_keep_document_order(int count)
    {
        var result = Lint.Text(ManyDocuments(count));
        Assert.Equal(count, result.Model.Documents.Count);
        var scan = KeyScan.Run(result.Model);
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 50 == 49).Select(i => $"c{i}"),
            scan.UnknownKeys.Select(k => k.Subject.Name));
        Assert.All(scan.UnknownKeys, k => Assert.Equal(("dat", "data"), (k.Path, k.Suggestion)));
        Assert.Equal(Enumerable.Range(0, count).Where(i => i % 70 == 69).Select(i => $"c{i}"),
            scan.DuplicateKeys.Select(k => k.Subject!.Name));
        // What the rules report is the same list.
        Assert.Equal(scan.UnknownKeys.Count, result.Reported.Count(f => f.RuleId == "KNL007"));
        Assert.Equal(scan.DuplicateKeys.Count, result.Reported.Count(f => f.RuleId == "KNL008"));
    }

    [Fact]
    public void The_last_chunk_is_walked_to_its_end()
    {
        // 513 documents: two full chunks and one of a single document, which holds the only findings.
        var text = new StringBuilder();
        for (int i = 0; i < 512; i++) text.Append($"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n");
        text.Append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: last\ndatta: {}\ndata: {k: a, k: b}\n");
        var scan = KeyScan.Run(Lint.Text(text.ToString()).Model);
        Assert.Equal("last", Assert.Single(scan.UnknownKeys).Subject.Name);
        Assert.Equal("data.k", Assert.Single(scan.DuplicateKeys).Path);
    }

    [Fact]
    public void Only_the_strategic_merge_patch_directives_pass_as_dollar_keys()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              $patch: replace
              $retainKeys: [name]
              $setElementOrder/finalizers: [a]
              $deleteFromPrimitiveList/finalizers: [b]
              $other: x
            $dollar: y
            """);
        // The API server knows no `$other` or `$dollar` field: strict field validation rejects them.
        Assert.Equal(["KNL007@9:3", "KNL007@10:1"], result.Brief());
        Assert.Contains("'metadata.$other'", result.Reported.First().Message);
    }

    [Fact]
    public void Status_is_suggested_at_the_object_root_only()
    {
        var result = Lint.Text("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              stats: {}
            stats: {}
            """);
        Assert.Equal([
            "5:3 Unknown field 'metadata.stats' in ConfigMap (v1): kubectl apply rejects the object (strict field validation).",
            "6:1 Unknown field 'stats' in ConfigMap (v1): kubectl apply rejects the object (strict field validation); did you mean 'status'?",
        ], result.Reported.Select(f => $"{f.Line}:{f.Column} {f.Message}"));
    }

    [Theory]
    // Up to 7 characters, one edit; 8 to 11, two; from 12 on, three.
    [InlineData("nm", null)]                    // 'name' is two edits away
    [InlineData("nmae", "name")]               // a swap is one edit
    [InlineData("protoc", null)]               // 6 characters, 'protocol' is two edits away
    [InlineData("protoc0l", "protocol")]
    [InlineData("tartPort", "targetPort")]     // 8 characters, two edits
    [InlineData("tarPort", null)]              // 7 characters, three edits
    [InlineData("appProtoc", "appProtocol")]   // 9 characters, two edits
    [InlineData("appProtoxyz", null)]          // 11 characters, three edits
    [InlineData("appProtocolXYZ", "appProtocol")] // 14 characters, three edits
    public void The_edit_limit_grows_with_the_key(string key, string? expected) =>
        Assert.Equal(expected, FieldSuggestion.For(key, ["appProtocol", "name", "nodePort", "port", "protocol", "targetPort"]));

    [Fact]
    public void Of_two_equally_close_fields_the_first_in_ordinal_order_wins_whatever_the_order_given()
    {
        Assert.Equal("abcd", FieldSuggestion.For("abcf", ["abce", "abcd"]));
        Assert.Equal("abcd", FieldSuggestion.For("abcf", ["abcd", "abce"]));
        // A closer field wins over one earlier in ordinal order.
        Assert.Equal("bbcdefgh", FieldSuggestion.For("abcdefgh", ["bbcdefgh", "aacdefgx"]));
        Assert.Equal("bbcdefgh", FieldSuggestion.For("abcdefgh", ["aacdefgx", "bbcdefgh"]));
    }

    [Theory]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("a", "abcd", 3)]
    [InlineData("abcd", "a", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("abc", "acb", 1)]
    public void Edit_distance_from_and_to_short_strings(string a, string b, int distance) =>
        Assert.Equal(distance, FieldSuggestion.Distance(a, b));
}
