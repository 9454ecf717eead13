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

    // The same Kairos__Access__… environment settings the server reads, so the offline rules match the server's.
    private static readonly Lazy<AccessOptions> Settings = new(() =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Kairos:Access").Get<AccessOptions>() ?? new AccessOptions());

    public static async Task<int> RunAsync(string[] args, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        UiLanguage.Apply(null);
        Data.Description = AdminText.Get("option.data");
        Postgres.Description = AdminText.Get("option.postgres");
        PasswordStdin.Description = AdminText.Get("option.passwordStdin");
        var root = new RootCommand(AdminText.Get("root.description"));
        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>()) help.Description = AdminText.Get("option.help");
        root.Options.Add(Data);
        root.Options.Add(Postgres);
        root.Subcommands.Add(AddCommand(clock));
        root.Subcommands.Add(TokenCommand(clock));
        root.Subcommands.Add(ListCommand(clock));
        root.Subcommands.Add(SetDisabledCommand(clock, disabled: true));
        root.Subcommands.Add(SetDisabledCommand(clock, disabled: false));
        root.Subcommands.Add(PasswordCommand(clock));
        root.Subcommands.Add(UnlockCommand(clock));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help"))
        {
            foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync($"kairos users: {error.Message}");
            await Console.Error.WriteLineAsync(AdminText.Get("usage.tryHelp"));
            return 2;
        }
        return await parsed.InvokeAsync();
    }

    private static Command AddCommand(TimeProvider clock)
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("add.name") };
        var role = new Option<string>("--role") { Description = AdminText.Get("add.role"), Required = true };
        role.AcceptOnlyFromAmong("viewer", "operator", "admin");
        var owners = new Option<string?>("--owners") { Description = AdminText.Get("add.owners") };
        var command = new Command("add", AdminText.Get("add.description")) { name, role, owners, PasswordStdin };
        command.SetAction((parse, ct) => WithStoreAsync(parse, clock, async store =>
        {
            var password = ReadPassword(parse.GetValue(PasswordStdin), confirm: true);
            if (password is null) return 2;
            var request = new NewUserRequest(parse.GetValue(name), parse.GetValue(role), password, parse.GetValue(owners)?.Split(','));
            var (user, field, error) = UserAccounts.Create(request, Settings.Value.MinimumPasswordLength, clock.GetUtcNow());
            if (user is null) return Fail(4, $"{field}: {error}");
            if (!await store.Users.AddAsync(user, ct)) return Fail(4, AdminText.Get("add.exists", user.Name));
            await AuditAsync(store, clock, "user.add", user.Name, user.Describe(), ct);
            Console.WriteLine(AdminText.Get("add.done", user.Name, user.Role.ToWire()));
            return 0;
        }));
        return command;
    }

    private static Command TokenCommand(TimeProvider clock)
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("token.name") };
        var label = new Option<string>("--label") { Description = AdminText.Get("token.label"), DefaultValueFactory = _ => "token" };
        var days = new Option<int?>("--days") { Description = AdminText.Get("token.days") };
        var command = new Command("token", AdminText.Get("token.description")) { name, label, days };
        command.SetAction((parse, ct) => WithStoreAsync(parse, clock, async store =>
        {
            var user = await store.Users.GetAsync(parse.GetValue(name)!, ct);
            if (user is null) return Fail(3, AdminText.Get("user.notFound", parse.GetValue(name)));
            var now = clock.GetUtcNow();
            // Whoever runs this holds the database, so they count as an admin, under the same cap as one.
            var (expires, refusal) = TokenLifetime.Decide(parse.GetValue(days), byAdmin: true, Settings.Value, now);
            if (refusal is not null) return Fail(4, $"--days: {refusal}");
            var secret = ApiTokens.NewSecret();
            var id = await store.Users.AddTokenAsync(new ApiTokenRecord(0, user.Name, parse.GetValue(label)!, ApiTokens.Hash(secret), now, expires, null), ct);
            await AuditAsync(store, clock, "token.create", user.Name, $"token {id}", ct);
            Console.WriteLine(secret);
            return 0;
        }));
        return command;
    }

    private static Command ListCommand(TimeProvider clock)
    {
        var command = new Command("list", AdminText.Get("list.description"));
        command.SetAction((parse, ct) => WithStoreAsync(parse, clock, async store =>
        {
            var now = clock.GetUtcNow();
            foreach (var user in await store.Users.ListAsync(ct))
            {
                var state = AdminText.Get(user.Disabled ? "list.disabled" : "list.enabled");
                if (user.IsLockedAt(now)) state += " " + AdminText.Get("list.locked", $"{user.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC");
                Console.WriteLine($"{user.Name,-20} {user.Role.ToWire(),-9} {(user.Owners.Count == 0 ? "*" : string.Join(',', user.Owners)),-24} {state}");
            }
            return 0;
        }));
        return command;
    }

    private static Command SetDisabledCommand(TimeProvider clock, bool disabled)
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("user.name") };
        var command = new Command(disabled ? "disable" : "enable", AdminText.Get(disabled ? "disable.description" : "enable.description")) { name };
        command.SetAction((parse, ct) => ChangeAsync(parse, clock, parse.GetValue(name)!, new UserChangeRequest(Disabled: disabled), ct));
        return command;
    }

    private static Command PasswordCommand(TimeProvider clock)
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("user.name") };
        var command = new Command("password", AdminText.Get("password.description")) { name, PasswordStdin };
        command.SetAction((parse, ct) =>
        {
            var password = ReadPassword(parse.GetValue(PasswordStdin), confirm: true);
            return password is null ? Task.FromResult(2) : ChangeAsync(parse, clock, parse.GetValue(name)!, new UserChangeRequest(Password: password), ct);
        });
        return command;
    }

    private static Command UnlockCommand(TimeProvider clock)
    {
        var name = new Argument<string>("name") { Description = AdminText.Get("user.name") };
        var command = new Command("unlock", AdminText.Get("unlock.description")) { name };
        command.SetAction((parse, ct) => WithStoreAsync(parse, clock, async store =>
        {
            var user = await store.Users.GetAsync(parse.GetValue(name)!, ct);
            if (user is null) return Fail(3, AdminText.Get("user.notFound", parse.GetValue(name)));
            var unlocked = await store.Users.UnlockAsync(user.Name, clock.GetUtcNow(), ct);
            if (unlocked) await AuditAsync(store, clock, "user.unlock", user.Name, $"locked until {user.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC -> unlocked", ct);
            Console.WriteLine(AdminText.Get(unlocked ? "unlock.done" : "unlock.notLocked", user.Name));
            return 0;
        }));
        return command;
    }

    private static Task<int> ChangeAsync(ParseResult parse, TimeProvider clock, string name, UserChangeRequest change, CancellationToken ct) => WithStoreAsync(parse, clock, async store =>
    {
        var user = await store.Users.GetAsync(name, ct);
        if (user is null) return Fail(3, AdminText.Get("user.notFound", name));
        var now = clock.GetUtcNow();
        var (changed, field, error) = UserAccounts.Change(user, change, Settings.Value.MinimumPasswordLength, now);
        if (changed is null) return Fail(4, $"{field}: {error}");
        await store.Users.UpdateAsync(changed, ct);
        var ended = await AccessRevocation.EndAfterChangeAsync(store.Users, user, changed, change.Password is not null, now, ct);
        var detail = ended is null ? changed.Describe() : $"{changed.Describe()}; {ended.Describe()}";
        await AuditAsync(store, clock, "user.change", name, detail, ct);
        Console.WriteLine(AdminText.Get("change.done", name, detail));
        return 0;
    });

    private static async Task<int> WithStoreAsync(ParseResult parse, TimeProvider clock, Func<IKairosStore, Task<int>> action)
    {
        var postgres = parse.GetValue(Postgres);
        await using var store = postgres is { Length: > 0 } ? PostgresStore.Open(postgres, clock) : SqliteStore.Open(Path.Combine(Path.GetFullPath(parse.GetValue(Data)!), "kairos.db"), clock);
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

    private static Task AuditAsync(IKairosStore store, TimeProvider clock, string action, string user, string detail, CancellationToken ct) =>
        store.Audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), Environment.UserName, action, $"user:{user}", null, detail, 0, $"{Environment.MachineName} kairos users (offline)"), ct);

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
