namespace KubeNetLint.Core;

/// <summary>How serious a finding is. The names and order follow SARIF's result levels.</summary>
public enum Level { Note = 1, Warning = 2, Error = 3 }

public static class LevelNames
{
    public static string ToName(this Level level) => level switch
    {
        Level.Error => "error",
        Level.Warning => "warning",
        _ => "note",
    };

    public static Level? Parse(string text) => text switch
    {
        "error" => Level.Error,
        "warning" => Level.Warning,
        "note" => Level.Note,
        _ => null,
    };
}
