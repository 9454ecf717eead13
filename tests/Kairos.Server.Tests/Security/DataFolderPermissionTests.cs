using System.Net;
using System.Net.Http.Json;
using Kairos.Client.Contracts;
using Kairos.Testing;

namespace Kairos.Server.Tests.Security;

/// <summary>
/// The data folder holds password and token hashes, the encrypted session keys, the secret that encrypts them, and
/// every command's journal: no other local user may read any of it (a readable store once let one forge an admin).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderPermissionTests
{
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                               UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task NewDataFolder_EverythingKairosWrites_IsOwnerOnly()
    {
        var data = Path.Combine(Path.GetDirectoryName(TestServers.NewSqlitePath())!, "data");
        await using (var server = await ServerFixture.StartAsync(Jobs, dataFolder: data))
            await SignInAsync(server);

        AssertOwnerOnly(data);
        Assert.True(File.Exists(Path.Combine(data, "kairos.db")));
        Assert.True(File.Exists(Path.Combine(data, "keys", "key-encryption.secret")));
        foreach (var entry in Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories)) AssertOwnerOnly(entry);
    }

    [Fact]
    public async Task DataFolderFromAnEarlierVersion_OpenToOthers_IsTightenedAtStart()
    {
        var data = Path.Combine(Path.GetDirectoryName(TestServers.NewSqlitePath())!, "data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));
        // An empty file is a new SQLite database; earlier versions left the store world-readable like this.
        await File.WriteAllBytesAsync(Path.Combine(data, "kairos.db"), []);
        File.SetUnixFileMode(Path.Combine(data, "kairos.db"), (UnixFileMode)Convert.ToInt32("644", 8));

        await using (var server = await ServerFixture.StartAsync(Jobs, dataFolder: data))
            await SignInAsync(server);

        AssertOwnerOnly(data);
        foreach (var entry in Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories)) AssertOwnerOnly(entry);
    }

    private static readonly Dictionary<string, string> Jobs = new() { ["noop.yaml"] = "id: noop\nschedule: { cron: '0 9 * * *' }\naction: { noop: true }\n" };

    // Signing in makes the first session key, so the key and the secret that encrypts it are on disk when checked.
    private static async Task SignInAsync(ServerFixture server)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = server.Address };
        var signIn = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", ServerFixture.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    private static void AssertOwnerOnly(string path)
    {
        var mode = File.GetUnixFileMode(path);
        Assert.True((mode & GroupOrOthers) == 0, $"{path} is {Convert.ToString((int)mode, 8)}: group or others may use it");
    }
}
