using System.CommandLine;
using KubeNetLint.Core.Reporting;
using KubeNetLint.Core.Rules;

namespace KubeNetLint.Cli.Commands;

public static class RulesCommand
{
    public static Command Create(CliIO io)
    {
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "md", "json");
        var command = new Command("rules", "List every rule: id, name, default level and what it finds.") { format };
        command.SetAction(parse =>
        {
            var rules = RuleRegistry.All.Select(r => r.Info).ToList();
            io.Out.Write(parse.GetValue(format) switch
            {
                "md" => RuleCatalog.Markdown(rules),
                "json" => RuleCatalog.Json(rules),
                _ => RuleCatalog.Text(rules),
            });
            return ExitCodes.Clean;
        });
        return command;
    }
}
