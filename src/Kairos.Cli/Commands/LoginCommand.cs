using System.CommandLine;
using System.Text;
using Kairos.Client;
using Kairos.Client.Contracts;

namespace Kairos.Cli.Commands;

/// <summary>login, logout, whoami: an API token per server, kept so that later commands are signed in.</summary>
internal static class LoginCommand
{
    public static Command Login()
    {
        var user = new Option<string>("--user", "-u") { Description = CliText.Get("login.option.user"), Required = true };
        var stdin = new Option<bool>("--password-stdin") { Description = CliText.Get("login.option.passwordStdin") };
        // Left out, the server picks its default lifetime, which respects its own maximum.
        var days = new Option<int?>("--days") { Description = CliText.Get("login.option.days") };
        var command = new Command("login", CliText.Get("login.description")) { user, stdin, days };
        command.SetAction((parse, ct) =>
        {
            var server = parse.GetValue(KairosCli.Server)!;
            var password = parse.GetValue(stdin) || Console.IsInputRedirected ? Console.In.ReadLine() ?? "" : Prompt(CliText.Get("login.password"));
            return ServerCall.RunAsync(parse, async client =>
            {
                var label = $"cli {Environment.UserName}@{Environment.MachineName}";
                var token = await client.CreateTokenAsync(new TokenRequest(parse.GetValue(user), password, label, parse.GetValue(days)), ct);
                var file = Credentials.Save(server, token.Id, token.Token, token.User);
                Console.WriteLine(token.ExpiresAt is { } e
                    ? CliText.Get("login.doneUntil", server, token.User, token.Id, file, Display.Zoned(e))
                    : CliText.Get("login.done", server, token.User, token.Id, file));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command Logout()
    {
        var command = new Command("logout", CliText.Get("logout.description"));
        command.SetAction((parse, ct) =>
        {
            var server = parse.GetValue(KairosCli.Server)!;
            if (Credentials.SavedFor(server) is not { } saved)
            {
                Console.Error.WriteLine(CliText.Get("logout.notSignedIn", server));
                return Task.FromResult(ExitCodes.Ok);
            }
            return ServerCall.RunAsync(parse, async client =>
            {
                try { await client.RevokeTokenAsync(saved.Id, ct); }
                catch (KairosApiException e) when (e.Code is "unauthenticated" or "not-found") { /* already unusable: forgetting it is enough */ }
                Credentials.Forget(server);
                Console.WriteLine(CliText.Get("logout.done", server, saved.Id));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command WhoAmI()
    {
        var command = new Command("whoami", CliText.Get("whoami.description"));
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var me = await client.MeAsync(ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(me);
            else Console.WriteLine(me.Owners.Count == 0 ? CliText.Get("whoami.all", me.Name, me.Role) : CliText.Get("whoami.owners", me.Name, me.Role, string.Join(", ", me.Owners)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
