using System.CommandLine;
using Kairos.Cli.Commands;

namespace Kairos.Cli;

public static class KairosCli
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    /// <summary>--server, on every command: the Kairos server to talk to (KAIROS_URL, else the local default).</summary>
    public static readonly Option<string> Server = new("--server", "-s")
    {
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KAIROS_URL") is { Length: > 0 } url ? url : DefaultServer,
        Recursive = true,
    };

    /// <summary>--json: print the API's JSON instead of text.</summary>
    public static readonly Option<bool> Json = new("--json") { Recursive = true };

    /// <summary>The command tree, its texts in the current UI culture (set by <see cref="CliLanguage.Apply"/> first), reading time from <paramref name="clock"/>.</summary>
    public static RootCommand Build(TimeProvider clock)
    {
        Server.Description = CliText.Get("option.server");
        Json.Description = CliText.Get("option.json");
        var root = new RootCommand(CliText.Get("root.description"));
        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>()) help.Description = CliText.Get("option.help");
        root.Options.Add(Server);
        root.Options.Add(Json);
        root.Options.Add(CliLanguage.Option());
        foreach (var command in new[]
                 {
                     LoginCommand.Login(), LoginCommand.Logout(), LoginCommand.WhoAmI(),
                     ValidateCommand.Build(), ExplainCommand.Build(), JobsCommand.Build(), RunsCommand.Build(), LogsCommand.Build(clock),
                     TriggerCommand.Build(), HoldCommand.Build(hold: true), HoldCommand.Build(hold: false), KillCommand.Build(), RerunCommand.Build(),
                     OperationsCommands.MarkSucceeded(), OperationsCommands.SkipNext(), OperationsCommands.Backfill(), OperationsCommands.Approvals(),
                     CalCommand.Build(clock), ConsumersCommand.Build(), KedaCommand.Build(), ConditionCommand.BuildList(), ConditionCommand.Build(), GridCommand.Build(),
                     FlowCommand.BuildList(), FlowCommand.Build(),
                 })
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TimeProvider clock)
    {
        CliLanguage.Apply(args);
        var result = Build(clock).Parse(args);
        if (result.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            foreach (var error in result.Errors) await Console.Error.WriteLineAsync($"kairos: {error.Message}");
            await Console.Error.WriteLineAsync(CliText.Get("usage.tryHelp"));
            return ExitCodes.Usage;
        }
        return await result.InvokeAsync();
    }
}
