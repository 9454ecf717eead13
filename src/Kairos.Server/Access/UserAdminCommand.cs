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
/// whoever can run it can already read the database. Its texts follow LANG (Resources/AdminText.resx, .ko.resx).
/// </summary>
public static class UserAdminCommand
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static readonly Option<string> Data = new("--data")
    {
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Kairos__DataPath") is { Length: > 0 } d ? d : ".data",
        Recursive = true,
    };

    private static readonly Option<string?> Postgres = new("--postgres")
    {
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Kairos__Postgres") is { Length: > 0 } p ? p : null,
        Recursive = true,
    };

    private static readonly Option<bool> PasswordStdin = new("--password-stdin");

    public static async Task<int> RunAsync(string[] args)
    {
        UiLanguage.Apply(null);
        Data.Description = AdminText.Get("option.data");
        Postgres.Description = AdminText.Get("option.postgres");
        PasswordStdin.Description = AdminText.Get("option.passwordStdin");
        var root = new RootCommand(AdminText.Get("root.description"));
        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>()) help.Description = AdminText.Get("option.help");
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
            await Console.Error.WriteLineAsync(AdminText.Get("usage.tryHelp"));
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    private static Command AddCommand()
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("add.name") };
        var role = new Option<string>("--role") { Description = AdminText.Get("add.role"), Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin");
        var owners = new Option<string?>("--owners") { Description = AdminText.Get("add.owners") };
        var command = new Command("add", AdminText.Get("add.description")) { name, role, owners, PasswordStdin };
        command.SetAction((parse, ct) => WithStoreAsync(parse, async store =>
        {
            var password = ReadPassword(parse.GetValue(PasswordStdin), confirm: true);
            if (password is null) return 2;
            var request = new NewUserRequest(parse.GetValue(name), parse.GetValue(role), password, parse.GetValue(owners)?.Split(','));
            var (user, field, error) = UserAccounts.Create(request, new AccessOptions().MinimumPasswordLength, Clock.GetUtcNow());
            if (user is null) return Fail(4, $"{field}: {error}");
            if (!await store.Users.AddAsync(user, ct)) return Fail(4, AdminText.Get("add.exists", user.Name));
            await AuditAsync(store, "user.add", user.Name, user.Describe(), ct);
            Console.WriteLine(AdminText.Get("add.done", user.Name, user.Role.ToWire()));
            return 0;
        }));
        return command;
    }

    private static Command TokenCommand()
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("token.name") };
        var label = new Option<string>("--label") { Description = AdminText.Get("token.label"), DefaultValueFactory = _ => "token" };
        var days = new Option<int>("--days") { Description = AdminText.Get("token.days"), DefaultValueFactory = _ => 90 };
        var command = new Command("token", AdminText.Get("token.description")) { name, label, days };
        command.SetAction((parse, ct) => WithStoreAsync(parse, async store =>
        {
            var user = await store.Users.GetAsync(parse.GetValue(name)!, ct);
            if (user is null) return Fail(3, AdminText.Get("user.notFound", parse.GetValue(name)));
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
        var command = new Command("list", AdminText.Get("list.description"));
        command.SetAction((parse, ct) => WithStoreAsync(parse, async store =>
        {
            foreach (var user in await store.Users.ListAsync(ct))
                Console.WriteLine($"{user.Name,-20} {user.Role.ToWire(),-9} {(user.Owners.Count == 0 ? "*" : string.Join(',', user.Owners)),-24} {AdminText.Get(user.Disabled ? "list.disabled" : "list.enabled")}");
            return 0;
        }));
        return command;
    }

    private static Command SetDisabledCommand(bool disabled)
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("user.name") };
        var command = new Command(disabled ? "disable" : "enable", AdminText.Get(disabled ? "disable.description" : "enable.description")) { name };
        command.SetAction((parse, ct) => ChangeAsync(parse, parse.GetValue(name)!, new UserChangeRequest(Disabled: disabled), ct));
        return command;
    }

    private static Command PasswordCommand()
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("user.name") };
        var command = new Command("password", AdminText.Get("password.description")) { name, PasswordStdin };
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
        if (user is null) return Fail(3, AdminText.Get("user.notFound", name));
        var (changed, field, error) = UserAccounts.Change(user, change, new AccessOptions().MinimumPasswordLength, Clock.GetUtcNow());
        if (changed is null) return Fail(4, $"{field}: {error}");
        await store.Users.UpdateAsync(changed, ct);
        await AuditAsync(store, "user.change", name, changed.Describe(), ct);
        Console.WriteLine(AdminText.Get("change.done", name, changed.Describe()));
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
            return Fail(1, AdminText.Get("store.cannotOpen", e.Message));
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
        var first = Prompt(AdminText.Get("prompt.password"));
        if (!confirm) return first;
        if (Prompt(AdminText.Get("prompt.again")) == first) return first;
        Console.Error.WriteLine(AdminText.Get("prompt.differ"));
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
