using System.CommandLine;
using System.CommandLine.Parsing;

namespace KubeNetLint.Cli;

/// <summary>The parse errors a user sees, in our words. A mistyped option is an error with a suggestion
/// rather than a path that does not exist (the path arguments take any word, so System.CommandLine would
/// hand `--formt` to them); a mistyped command likewise. `-` alone is standard input, and anything after
/// `--` is a path whatever it looks like.</summary>
public static class UsageErrors
{
    public static List<string> Of(ParseResult parse, string[] args)
    {
        var errors = new List<string>();
        var command = parse.CommandResult.Command;
        int dashDash = Array.IndexOf(args, "--");
        var literal = dashDash < 0 ? [] : args[(dashDash + 1)..].ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);

        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (!LooksLikeOption(token.Value) || literal.Contains(token.Value) || !reported.Add(token.Value)) continue;
                errors.Add(UnknownOption(token.Value, command));
            }
        }

        bool unknownCommand = false;
        foreach (var token in parse.UnmatchedTokens)
        {
            if (!reported.Add(token)) continue;
            if (LooksLikeOption(token))
                errors.Add(UnknownOption(token, command));
            else if (command is RootCommand && !unknownCommand)
            {
                unknownCommand = true;
                errors.Add($"unknown command '{token}'{Suggestions.DidYouMean(token, command.Subcommands.Select(c => c.Name))}");
            }
            else if (!unknownCommand)
                errors.Add($"unexpected argument '{token}'");
        }

        foreach (var error in parse.Errors)
        {
            if (error.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)) continue;
            if (unknownCommand && error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)) continue;
            errors.Add(NotAmong(error) ?? error.Message);
        }
        return errors;
    }

    /// <summary>"Argument 'jsn' not recognized. Must be one of: …" (AcceptOnlyFromAmong) in one line,
    /// naming the option and suggesting the closest value.</summary>
    private static string? NotAmong(ParseError error)
    {
        var match = System.Text.RegularExpressions.Regex.Match(error.Message,
            @"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<allowed>.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!match.Success) return null;
        var allowed = System.Text.RegularExpressions.Regex.Matches(match.Groups["allowed"].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
        var value = match.Groups["value"].Value;
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option.Name + " ",
            ArgumentResult { Parent: OptionResult o } => o.Option.Name + " ",
            _ => "",
        };
        return $"{option}'{value}' is not one of {string.Join(", ", allowed)}{Suggestions.DidYouMean(value, allowed)}";
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    private static string UnknownOption(string token, Command command)
    {
        var name = token.Split('=', 2)[0];
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
        return $"unknown option '{name}'{Suggestions.DidYouMean(name, names)}";
    }
}
