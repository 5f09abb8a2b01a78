using System.CommandLine;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Cli.Commands;

public static class RulesCommand
{
    public static Command Create(CliIO io)
    {
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "md", "json");
        var output = CommonOptions.Output();
        var command = new Command("rules", "List every rule: id, name, default level and what it finds.") { format, output };
        command.SetAction(parse =>
        {
            var rules = RuleRegistry.All.Select(r => r.Info).ToList();
            var text = parse.GetValue(format) switch
            {
                "md" => RuleCatalog.Markdown(rules),
                "json" => RuleCatalog.Json(rules),
                _ => RuleCatalog.Text(rules),
            };
            try
            {
                CommonOptions.WriteOutput(parse.GetValue(output), io, w => w.Write(text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"kubenetlint: error: {e.Message}");
                return ExitCodes.UsageError;
            }
            return ExitCodes.Clean;
        });
        return command;
    }
}
