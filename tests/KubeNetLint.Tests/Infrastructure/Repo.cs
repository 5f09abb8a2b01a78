using System.Runtime.CompilerServices;

namespace KubeNetLint.Tests.Infrastructure;

/// <summary>Paths of the repository and of ../shared. Tests run with the repository root as the current
/// directory, so paths in findings and golden files are short and the same on every machine.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static bool HasShared => Directory.Exists(Path.Combine(Shared, "corpus"));
    public static string TestData => Path.Combine(Root, "testdata");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "KubeNetLint.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (KubeNetLint.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>Fixed "now" for every test that depends on the clock (certificates).</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

#pragma warning disable CA2255 // the module initializer is the one place that fixes the working directory
    [ModuleInitializer]
    internal static void UseRepoRootAsWorkingDirectory()
    {
        Directory.SetCurrentDirectory(Root);
        Environment.SetEnvironmentVariable("NO_COLOR", "1");
    }
#pragma warning restore CA2255
}

/// <summary>A fact that needs ../shared (the corpus, the SARIF schema). Users' clones have no ../shared,
/// so there it is skipped; CI has it, so there it runs.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!Repo.HasShared) Skip = "../shared is not present beside the repository";
    }
}

public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!Repo.HasShared) Skip = "../shared is not present beside the repository";
    }
}
