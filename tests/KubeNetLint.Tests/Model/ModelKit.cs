using KubeNetLint.Core.Loading;
using KubeNetLint.Core.Model;

namespace KubeNetLint.Tests.Model;

/// <summary>Builds a model from YAML text, as the CLI does for one file.</summary>
internal static class ModelKit
{
    public static ResourceModel Build(string yaml, string defaultNamespace = "default", ObjectKinds? kinds = null)
    {
        var file = new SourceFile { Path = "test.yaml", FullPath = Path.GetFullPath("test.yaml"), Text = yaml };
        var load = ManifestLoader.LoadFiles([file]);
        Assert.Empty(load.Problems);
        return new ModelBuilder(defaultNamespace, kinds).Build(load.Files, load.Documents, load.Problems);
    }

    /// <summary>"line:column" where a node starts.</summary>
    public static string At(Node node) => $"{node.Span.StartLine}:{node.Span.StartColumn}";

    /// <summary>Type errors as "line:column field expects".</summary>
    public static IEnumerable<string> Errors(ResourceModel model) =>
        model.TypeErrors.Select(e => $"{At(e.Node)} {e.Field} {e.Expected}");
}
