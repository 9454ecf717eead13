using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Kairos.Server.Tests;

/// <summary>
/// The OpenID Connect provider of tests/oidc-provider (oidc-provider under Node) on a loopback port. Its users:
/// kim (kairos-operators, team-settlement, team-fx), lee (marketing only), park (kairos-admins, kairos-operators).
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "kairos";
    public const string ClientSecret = "kairos-test-client-secret";
    public const string Password = "provider password 1";

    private readonly Process _node;

    private TestOidcProvider(Process node, Uri issuer)
    {
        _node = node;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public static async Task<TestOidcProvider> StartAsync()
    {
        var folder = Path.Combine(RepoRoot(), "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            throw new InvalidOperationException($"The test OpenID provider is not installed in {folder}: run scripts/test.sh, or 'npm ci' in that folder.");
        var start = new ProcessStartInfo("node", "provider.js")
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is needed for the single sign-on tests and was not found: run scripts/test.sh, which installs it.", e);
        }
        var errors = new StringBuilder();
        node.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        node.BeginErrorReadLine();
        string? first = null;
        try
        {
            first = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
        }
        if (first?.StartsWith("listening ", StringComparison.Ordinal) == true) return new TestOidcProvider(node, new Uri(first["listening ".Length..]));
        node.Kill(entireProcessTree: true);
        await node.WaitForExitAsync();
        lock (errors) throw new InvalidOperationException($"The test OpenID provider did not start within a minute ({first ?? "no output"}):\n{errors}");
    }

    /// <summary>Command-line settings for a Kairos server that signs in through this provider.</summary>
    public string[] KairosArgs(string secretFile) =>
    [
        "--Kairos:Access:OpenIdConnect:Authority", Issuer.ToString(),
        "--Kairos:Access:OpenIdConnect:ClientId", ClientId,
        "--Kairos:Access:OpenIdConnect:ClientSecretFile", secretFile,
        "--Kairos:Access:OpenIdConnect:RequireHttpsMetadata", "false",
        "--Kairos:Access:OpenIdConnect:DisplayName", "Test IdP",
        "--Kairos:Access:OpenIdConnect:Scopes:0", "openid",
        "--Kairos:Access:OpenIdConnect:Scopes:1", "profile",
        "--Kairos:Access:OpenIdConnect:Scopes:2", "groups",
        "--Kairos:Access:OpenIdConnect:RoleGroups:Admin:0", "kairos-admins",
        "--Kairos:Access:OpenIdConnect:RoleGroups:Operator:0", "kairos-operators",
        "--Kairos:Access:OpenIdConnect:OwnerGroups:team-settlement", "settlement",
        "--Kairos:Access:OpenIdConnect:OwnerGroups:team-fx", "fx",
        "--Kairos:Access:SignInAttemptsPerMinute", "100",
    ];

    /// <summary>The client secret in a file, as a mounted Kubernetes secret would hold it (with its trailing newline).</summary>
    public static async Task<string> WriteSecretFileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kairos-oidc-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, ClientSecret + "\n");
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        // The provider exits when its standard input closes; a kill is only for one that does not.
        _node.StandardInput.Close();
        try
        {
            await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _node.Kill(entireProcessTree: true);
        }
        _node.Dispose();
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kairos.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Kairos.slnx not found above " + AppContext.BaseDirectory);
    }
}
