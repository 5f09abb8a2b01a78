namespace KubeNetLint.Tests.Infrastructure;

/// <summary>Snapshot files under tests/KubeNetLint.Tests/golden. A difference fails the test and shows
/// the first differing line; `UPDATE_GOLDEN=1 dotnet test` rewrites the files instead.</summary>
public static class Golden
{
    public static string Directory => Path.Combine(Repo.Root, "tests", "KubeNetLint.Tests", "golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void Assert(string name, string actual) => AssertAt(Path.Combine(Directory, name), name, actual);

    /// <summary>A snapshot kept elsewhere in the repository (a rule's fixture folder), named in messages by <paramref name="name"/>.</summary>
    public static void AssertAt(string path, string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
            Xunit.Assert.Fail($"golden file {name} does not exist; run `UPDATE_GOLDEN=1 dotnet test` and review it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
        Xunit.Assert.Fail($"{name} differs at line {i + 1}:\n expected: {(i < e.Length ? e[i] : "<end>")}\n actual:   {(i < a.Length ? a[i] : "<end>")}\n(run `UPDATE_GOLDEN=1 dotnet test` to accept the new output)");
    }
}
