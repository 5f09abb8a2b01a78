using KubeNetLint.Cli.Commands;
using KubeNetLint.Tests.Infrastructure;

namespace KubeNetLint.Tests.Integration;

/// <summary>A fact that needs kubectl on the PATH. CI installs it; a machine without it skips.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kustomize.FindOnPath("kubectl", Environment.GetEnvironmentVariable("PATH")) is null) Skip = "kubectl is not on the PATH";
    }
}

/// <summary>A scratch directory under the system temp directory, removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kubenetlint-test-").FullName;

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file (and the directories above it) under this one; returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Copies every file under a repository directory into this one, keeping the layout.</summary>
    public TempDir CopyFrom(string repoRelativeDir)
    {
        var source = System.IO.Path.Combine(Repo.Root, repoRelativeDir);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = File(System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target, overwrite: true);
        }
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
