namespace KubeNetLint.Core.Model;

/// <summary>Values as messages and reports quote them: whole when short, cut with an ellipsis when long.
/// A label value, name or port may be megabytes long in hostile input; the report must not copy it into
/// every message that names it.</summary>
public static class ValueText
{
    /// <summary>Longest run of non-blank characters (a quoted value, a selector, a path) a message keeps whole.</summary>
    public const int MaxTokenLength = 200;

    /// <summary>Longest message kept whole, whatever it holds.</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>Values are quoted in messages as written, and a value may be 50 MB long: every run of
    /// non-blank characters longer than <see cref="MaxTokenLength"/> keeps its first 100 characters, an
    /// ellipsis and its closing punctuation (so 'x…' stays quoted); a message still longer than
    /// <see cref="MaxMessageLength"/> is cut with an ellipsis. The finding's position still spans the
    /// whole value.</summary>
    public static string ShortenMessage(string message)
    {
        // Stryker disable once Equality : a speed shortcut; a message of exactly MaxTokenLength characters has no longer run and is under MaxMessageLength, so the loop below returns it whole as well
        if (message.Length <= MaxTokenLength) return message;
        System.Text.StringBuilder? sb = null;
        int copied = 0, i = 0;
        while (i < message.Length)
        {
            if (char.IsWhiteSpace(message[i])) { i++; continue; }
            int start = i;
            while (i < message.Length && !char.IsWhiteSpace(message[i])) i++;
            if (i - start <= MaxTokenLength) continue;
            int tail = i;
            // The run is longer than MaxTokenLength, so four steps back never reach its start.
            while (i - tail < 4 && message[tail - 1] is '\'' or '"' or ')' or ',' or '.' or ';' or ':' or ']' or '}') tail--;
            int keep = start + 100;
            if (char.IsHighSurrogate(message[keep - 1])) keep--;
            sb ??= new System.Text.StringBuilder();
            sb.Append(message, copied, keep - copied).Append('…').Append(message, tail, i - tail);
            copied = i;
        }
        if (sb is not null) message = sb.Append(message, copied, message.Length - copied).ToString();
        if (message.Length > MaxMessageLength)
        {
            int cut = MaxMessageLength - 1;
            if (char.IsHighSurrogate(message[cut - 1])) cut--;
            message = message[..cut] + "…";
        }
        return message;
    }

    /// <summary>One value (an object name in a JSON report): its first 100 characters and an ellipsis
    /// when longer than <see cref="MaxTokenLength"/>.</summary>
    public static string Value(string value)
    {
        if (value.Length <= MaxTokenLength) return value;
        int keep = char.IsHighSurrogate(value[99]) ? 99 : 100;
        return value[..keep] + "…";
    }
}
