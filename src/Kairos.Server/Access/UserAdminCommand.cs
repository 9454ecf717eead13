using System.CommandLine;
using System.Text;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;

namespace Kairos.Server.Access;

/// <summary>
/// <c>kairos users …</c>: user administration straight on the store, with no server and no sign-in. It is how the
/// first admin comes to exist (there is no default password), and a way back in when every admin is locked out;
/// whoever can run it can already read the database.
/// </summary>
public static class UserAdminCommand
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static readonly Option<string> Data = new("--data")
    {
        Description = "The folder of the SQLite store (as the server's --data)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Kairos__DataPath") is { Length: > 0 } d ? d : ".data",
        Recursive = true,
    };

    private static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "A PostgreSQL connection string (as the server's --postgres)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Kairos__Postgres") is { Length: > 0 } p ? p : null,
        Recursive = true,
    };

    private static readonly Option<bool> PasswordStdin = new("--password-stdin") { Description = "Read the password from the first line of standard input instead of asking" };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Kairos user administration on the store itself (no server needed). Exit codes: 0 ok, 1 failed, 2 usage, 3 not found, 4 refused.");
        root.Options.Add(Data);
        root.Options.Add(Postgres);
        root.Subcommands.Add(AddCommand());
        root.Subcommands.Add(TokenCommand());
        root.Subcommands.Add(ListCommand());
        root.Subcommands.Add(SetDisabledCommand(disabled: true));
        root.Subcommands.Add(SetDisabledCommand(disabled: false));
        root.Subcommands.Add(PasswordCommand());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help"))
        {
            foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync($"kairos users: {error.Message}");
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    private static Command AddCommand()
    {
        var name = new Argument<string>("name") { Description = "User name: letters, digits, . _ @ -" };
        var role = new Option<string>("--role") { Description = "viewer, operator or admin", Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin");
        var owners = new Option<string?>("--owners") { Description = "Comma-separated job owners this user may act on (default: every job)" };
        var command = new Command("add", "Add a user; asks for the password (or --password-stdin)") { name, role, owners, PasswordStdin };
        command.SetAction((parse, ct) => WithStoreAsync(parse, async store =>
        {
            var password = ReadPassword(parse.GetValue(PasswordStdin), confirm: true);
            if (password is null) return 2;
            var request = new NewUserRequest(parse.GetValue(name), parse.GetValue(role), password, parse.GetValue(owners)?.Split(','));
            var (user, field, error) = UserAccounts.Create(request, new AccessOptions().MinimumPasswordLength, Clock.GetUtcNow());
            if (user is null) return Fail(4, $"{field}: {error}");
            if (!await store.Users.AddAsync(user, ct)) return Fail(4, $"a user named '{user.Name}' already exists");
            await AuditAsync(store, "user.add", user.Name, user.Describe(), ct);
            Console.WriteLine($"added {user.Name} ({user.Role.ToWire()}); sign in to the console, or run: kairos login --user {user.Name}");
            return 0;
        }));
        return command;
    }

    private static Command TokenCommand()
    {
        var name = new Argument<string>("name") { Description = "The user the token acts as" };
        var label = new Option<string>("--label") { Description = "What the token is for", DefaultValueFactory = _ => "token" };
        var days = new Option<int>("--days") { Description = "Days until it expires; 0 never", DefaultValueFactory = _ => 90 };
        var command = new Command("token", "Create an API token for a user and print it (shown once)") { name, label, days };
        command.SetAction((parse, ct) => WithStoreAsync(parse, async store =>
        {
            var user = await store.Users.GetAsync(parse.GetValue(name)!, ct);
            if (user is null) return Fail(3, $"no user named '{parse.GetValue(name)}'");
            var now = Clock.GetUtcNow();
            var secret = ApiTokens.NewSecret();
            var expires = parse.GetValue(days) is > 0 and var d ? now.AddDays(d) : (DateTimeOffset?)null;
            var id = await store.Users.AddTokenAsync(new ApiTokenRecord(0, user.Name, parse.GetValue(label)!, ApiTokens.Hash(secret), now, expires, null), ct);
            await AuditAsync(store, "token.create", user.Name, $"token {id}", ct);
            Console.WriteLine(secret);
            return 0;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "Every user with role, owners and state");
        command.SetAction((parse, ct) => WithStoreAsync(parse, async store =>
        {
            foreach (var user in await store.Users.ListAsync(ct))
                Console.WriteLine($"{user.Name,-20} {user.Role.ToWire(),-9} {(user.Owners.Count == 0 ? "*" : string.Join(',', user.Owners)),-24} {(user.Disabled ? "disabled" : "enabled")}");
            return 0;
        }));
        return command;
    }

    private static Command SetDisabledCommand(bool disabled)
    {
        var name = new Argument<string>("name");
        var command = new Command(disabled ? "disable" : "enable", disabled ? "Disable a user: sessions and tokens stop working at once" : "Enable a disabled user") { name };
        command.SetAction((parse, ct) => ChangeAsync(parse, parse.GetValue(name)!, new UserChangeRequest(Disabled: disabled), ct));
        return command;
    }

    private static Command PasswordCommand()
    {
        var name = new Argument<string>("name");
        var command = new Command("password", "Set a user's password; asks for it (or --password-stdin)") { name, PasswordStdin };
        command.SetAction((parse, ct) =>
        {
            var password = ReadPassword(parse.GetValue(PasswordStdin), confirm: true);
            return password is null ? Task.FromResult(2) : ChangeAsync(parse, parse.GetValue(name)!, new UserChangeRequest(Password: password), ct);
        });
        return command;
    }

    private static Task<int> ChangeAsync(ParseResult parse, string name, UserChangeRequest change, CancellationToken ct) => WithStoreAsync(parse, async store =>
    {
        var user = await store.Users.GetAsync(name, ct);
        if (user is null) return Fail(3, $"no user named '{name}'");
        var (changed, field, error) = UserAccounts.Change(user, change, new AccessOptions().MinimumPasswordLength, Clock.GetUtcNow());
        if (changed is null) return Fail(4, $"{field}: {error}");
        await store.Users.UpdateAsync(changed, ct);
        await AuditAsync(store, "user.change", name, changed.Describe(), ct);
        Console.WriteLine($"changed {name}: {changed.Describe()}");
        return 0;
    });

    private static async Task<int> WithStoreAsync(ParseResult parse, Func<IKairosStore, Task<int>> action)
    {
        var postgres = parse.GetValue(Postgres);
        await using var store = postgres is { Length: > 0 } ? PostgresStore.Open(postgres) : SqliteStore.Open(Path.Combine(Path.GetFullPath(parse.GetValue(Data)!), "kairos.db"));
        try
        {
            await store.MigrateAsync();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            return Fail(1, $"cannot open the store: {e.Message}");
        }
        return await action(store);
    }

    private static Task AuditAsync(IKairosStore store, string action, string user, string detail, CancellationToken ct) =>
        store.Audit.AppendAsync(new AuditEntry(Clock.GetUtcNow(), Environment.UserName, action, $"user:{user}", null, detail, 0, $"{Environment.MachineName} kairos users (offline)"), ct);

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"kairos users: {message}");
        return code;
    }

    /// <summary>From standard input when asked or when it is not a terminal; else asked twice without echo.</summary>
    private static string? ReadPassword(bool fromStdin, bool confirm)
    {
        if (fromStdin || Console.IsInputRedirected) return Console.In.ReadLine();
        var first = Prompt("Password: ");
        if (!confirm) return first;
        if (Prompt("Again: ") == first) return first;
        Console.Error.WriteLine("kairos users: the passwords differ");
        return null;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
