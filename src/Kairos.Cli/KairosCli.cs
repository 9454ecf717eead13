using System.CommandLine;
using Kairos.Cli.Commands;

namespace Kairos.Cli;

public static class KairosCli
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    /// <summary>--server, on every command: the Kairos server to talk to (KAIROS_URL, else the local default).</summary>
    public static readonly Option<string> Server = new("--server", "-s")
    {
        Description = $"Kairos server URL (default: $KAIROS_URL or {DefaultServer})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KAIROS_URL") is { Length: > 0 } url ? url : DefaultServer,
        Recursive = true,
    };

    /// <summary>--json: print the API's JSON instead of text.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "Print JSON instead of text", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("Kairos: business-day-aware job scheduler. Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 refused, 5 server unreachable, 6 not signed in or not allowed.");
        root.Options.Add(Server);
        root.Options.Add(Json);
        root.Options.Add(CliLanguage.Lang);
        foreach (var command in new[]
                 {
                     LoginCommand.Login(), LoginCommand.Logout(), LoginCommand.WhoAmI(),
                     ValidateCommand.Build(), ExplainCommand.Build(), JobsCommand.Build(), RunsCommand.Build(), LogsCommand.Build(),
                     TriggerCommand.Build(), HoldCommand.Build(hold: true), HoldCommand.Build(hold: false), KillCommand.Build(), RerunCommand.Build(),
                     OperationsCommands.MarkSucceeded(), OperationsCommands.SkipNext(), OperationsCommands.Backfill(), OperationsCommands.Approvals(),
                     CalCommand.Build(), ConsumersCommand.Build(), KedaCommand.Build(),
                 })
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var result = Build().Parse(args);
        if (result.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
        {
            foreach (var error in result.Errors) await Console.Error.WriteLineAsync($"kairos: {error.Message}");
            await Console.Error.WriteLineAsync("Try 'kairos --help'.");
            return ExitCodes.Usage;
        }
        return await result.InvokeAsync();
    }
}
