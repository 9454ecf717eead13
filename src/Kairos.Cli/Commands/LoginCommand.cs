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
        var user = new Option<string>("--user", "-u") { Description = "Your Kairos user name", Required = true };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of asking" };
        var days = new Option<int>("--days") { Description = "Days until the token expires; 0 never", DefaultValueFactory = _ => 90 };
        var command = new Command("login", "Sign in: exchanges your password for an API token and saves it for this server") { user, stdin, days };
        command.SetAction((parse, ct) =>
        {
            var server = parse.GetValue(KairosCli.Server)!;
            var password = parse.GetValue(stdin) || Console.IsInputRedirected ? Console.In.ReadLine() ?? "" : Prompt("Password: ");
            return ServerCall.RunAsync(parse, async client =>
            {
                var label = $"cli {Environment.UserName}@{Environment.MachineName}";
                var token = await client.CreateTokenAsync(new TokenRequest(parse.GetValue(user), password, label, parse.GetValue(days)), ct);
                var file = Credentials.Save(server, token.Id, token.Token, token.User);
                Console.WriteLine($"signed in to {server} as {token.User}; token {token.Id} saved in {file}" +
                    (token.ExpiresAt is { } e ? $", valid until {e:yyyy-MM-dd}" : ""));
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command Logout()
    {
        var command = new Command("logout", "Revoke the token saved for this server and forget it");
        command.SetAction((parse, ct) =>
        {
            var server = parse.GetValue(KairosCli.Server)!;
            if (Credentials.SavedFor(server) is not { } saved)
            {
                Console.Error.WriteLine($"kairos: not signed in to {server}");
                return Task.FromResult(ExitCodes.Ok);
            }
            return ServerCall.RunAsync(parse, async client =>
            {
                try { await client.RevokeTokenAsync(saved.Id, ct); }
                catch (KairosApiException e) when (e.Code is "unauthenticated" or "not-found") { /* already unusable: forgetting it is enough */ }
                Credentials.Forget(server);
                Console.WriteLine($"signed out of {server}; token {saved.Id} revoked");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command WhoAmI()
    {
        var command = new Command("whoami", "Who this CLI is signed in as, with role and owner scope");
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var me = await client.MeAsync(ct);
            if (ServerCall.WantsJson(parse)) ServerCall.PrintJson(me);
            else Console.WriteLine($"{me.Name} ({me.Role}){(me.Owners.Count == 0 ? "" : $", jobs owned by {string.Join(", ", me.Owners)}")}");
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
