using System.Diagnostics;
using System.Text;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>Starts the built server and CLI as real processes.</summary>
internal static class Processes
{
    private static string Dll(string name) => Path.Combine(AppContext.BaseDirectory, name);

    public static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] args) => CliAsync(new Dictionary<string, string>(), args);

    /// <summary>The CLI with extra environment variables, such as LANG.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CliWithInputAsync(environment, "", args);

    /// <summary>The CLI with environment variables and standard input (a password for login).</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> CliWithInputAsync(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args) =>
        RunToEndAsync("kairos.dll", environment, stdin, args);

    /// <summary>The server's executable with arguments and standard input, such as the offline <c>users</c> command.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> ServerCommandAsync(string stdin, params string[] args) =>
        ServerCommandAsync(new Dictionary<string, string>(), stdin, args);

    /// <summary>The server's executable with environment variables (LANG), standard input and arguments.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> ServerCommandAsync(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args) =>
        RunToEndAsync("Kairos.Server.dll", environment, stdin, args);

    /// <summary>The server's executable (<c>Kairos.Server.dll</c>), its worker's (<c>kairos-worker.dll</c>) or the CLI's (<c>kairos.dll</c>) started in a folder of the caller's, with HOME there too.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string folder, string dll, params string[] args) =>
        RunToEndAsync(dll, new Dictionary<string, string> { ["HOME"] = folder }, "", args, folder);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToEndAsync(string dll, IReadOnlyDictionary<string, string> environment, string stdin, string[] args, string? folder = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = folder ?? RepoRoot() };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.ArgumentList.Add(Dll(dll));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout, await stderr);
    }

    public const string AdminPassword = "end to end password";

    public static async Task<ServerProcess> StartServerAsync(string jobs, string data, string node, string? postgres = null, params string[] extraArgs)
    {
        var token = await AdminTokenAsync(data, postgres);
        var port = TestServers.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Dll("Kairos.Server.dll"), "--url", $"http://127.0.0.1:{port}", "--jobs", jobs, "--data", data, "--node", node })
            info.ArgumentList.Add(a);
        if (postgres is not null)
        {
            info.ArgumentList.Add("--postgres");
            info.ArgumentList.Add(postgres);
            info.Environment["Kairos__Access__KeyProtection__Secret"] = TestServers.SessionKeySecret;
        }
        foreach (var a in extraArgs) info.ArgumentList.Add(a);
        var server = new ServerProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}/"), token);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>
    /// What a new installation does first: <c>kairos users add</c> makes an admin on the store (no server needed), and
    /// <c>kairos users token</c> gives the API token the CLI calls use.
    /// </summary>
    public static async Task<string> AdminTokenAsync(string data, string? postgres)
    {
        var store = postgres is null ? new[] { "--data", data } : ["--data", data, "--postgres", postgres];
        var add = await ServerCommandAsync(AdminPassword + "\n", ["users", "add", "e2e-admin", "--role", "admin", "--password-stdin", .. store]);
        if (add.ExitCode is not (0 or 4)) throw new InvalidOperationException($"users add failed ({add.ExitCode}): {add.Stderr}");
        var token = await ServerCommandAsync("", ["users", "token", "e2e-admin", "--label", "end-to-end", .. store]);
        if (token.ExitCode != 0) throw new InvalidOperationException($"users token failed ({token.ExitCode}): {token.Stderr}");
        return token.Stdout.Trim();
    }

    public static string RepoRoot() => TestServers.RepoRoot();
}

internal sealed class ServerProcess(Process process, Uri address, string token) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    public Uri Address { get; } = address;

    /// <summary>An admin's API token on this server's store.</summary>
    public string Token { get; } = token;

    /// <summary>The CLI against this server, signed in with <see cref="Token"/>.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] args) => CliAsync(new Dictionary<string, string>(), args);

    public Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Processes.CliAsync(new Dictionary<string, string>(environment) { ["KAIROS_TOKEN"] = Token }, [.. args, "--server", Address.ToString()]);

    /// <summary>An HttpClient for this server, signed in with <see cref="Token"/>.</summary>
    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return http;
    }

    public async Task WaitReadyAsync()
    {
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"server exited {process.ExitCode}: {Output}");
            try
            {
                if ((await http.GetAsync(new Uri(Address, "healthz/ready"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"server at {Address} not ready: {Output}");
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGTERM, as Kubernetes sends, then waits for the graceful exit.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited) return;
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>SIGKILL: the process gets no chance to record anything.</summary>
    public async Task CrashAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        catch (TimeoutException) { process.Kill(entireProcessTree: true); }
        process.Dispose();
    }
}
