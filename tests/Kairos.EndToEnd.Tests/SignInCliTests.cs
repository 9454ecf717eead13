using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>A new installation as an operator meets it: first admin offline, then login, whoami, a refused role, logout.</summary>
public sealed class SignInCliTests
{
    [Fact]
    public async Task FirstAdminOffline_ThenLoginSavesAToken_RolesApply_LogoutRevokes()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        await File.WriteAllTextAsync(Path.Combine(jobs, "report.yaml"), "id: report\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n");

        var weak = await Processes.ServerCommandAsync("short\n", "users", "add", "kim", "--role", "viewer", "--password-stdin", "--data", data);
        Assert.Equal(4, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Stderr, StringComparison.Ordinal);
        var added = await Processes.ServerCommandAsync("viewer password 1\n", "users", "add", "kim", "--role", "viewer", "--password-stdin", "--data", data);
        Assert.Equal(0, added.ExitCode);
        Assert.Equal(3, (await Processes.ServerCommandAsync("", "users", "token", "nobody", "--data", data)).ExitCode);

        await using var server = await Processes.StartServerAsync(jobs, data, "login-node");
        var config = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = Path.Combine(data, "config") };
        var url = server.Address.ToString();
        var anonymous = await Processes.CliAsync(config, "jobs", "--server", url);
        Assert.Equal(6, anonymous.ExitCode);
        Assert.Contains("kairos login", anonymous.Stderr, StringComparison.Ordinal);

        var wrong = await Processes.CliWithInputAsync(config, "not it\n", "login", "--user", "kim", "--server", url);
        Assert.Equal(6, wrong.ExitCode);
        var login = await Processes.CliWithInputAsync(config, "viewer password 1\n", "login", "--user", "kim", "--server", url);
        Assert.Equal(0, login.ExitCode);
        Assert.Contains("signed in", login.Stdout, StringComparison.Ordinal);
        var saved = Path.Combine(data, "config", "kairos", "credentials.json");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(saved));

        Assert.Equal("kim (viewer)", (await Processes.CliAsync(config, "whoami", "--server", url)).Stdout.Trim());
        Assert.Contains("report", (await Processes.CliAsync(config, "jobs", "--server", url)).Stdout, StringComparison.Ordinal);
        var hold = await Processes.CliAsync(config, "hold", "report", "--reason", "viewer tries", "--server", url);
        Assert.Equal(6, hold.ExitCode);
        var noReason = await Processes.CliAsync(config, "hold", "report", "--server", url);
        Assert.Equal(2, noReason.ExitCode);

        Assert.Equal(0, (await Processes.CliAsync(config, "logout", "--server", url)).ExitCode);
        Assert.Equal(6, (await Processes.CliAsync(config, "whoami", "--server", url)).ExitCode);
        var audit = await server.CliAsync("runs"); // the admin token still works
        Assert.Equal(0, audit.ExitCode);
    }
}
