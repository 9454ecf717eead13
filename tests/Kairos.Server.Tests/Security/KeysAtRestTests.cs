using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Server.Access.KeyProtection;
using Kairos.Server.Hosting;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests.Security;

/// <summary>
/// The keys that sign session cookies sit in the store encrypted with a key the operator supplies (or, on SQLite, a
/// generated one kept apart from the database), and survive upgrades and rotations without signing anyone out.
/// </summary>
public sealed class KeysAtRestTests
{
    private const string SecretA = "first secret, long enough to be a real one 1234";
    private const string SecretB = "second secret, also long enough to be real 5678";

    private static readonly Dictionary<string, string> Jobs = new() { ["noop.yaml"] = "id: noop\nschedule: { cron: '0 9 * * *' }\naction: { noop: true }\n" };

    [Fact]
    public async Task SignIn_StoredSessionKeys_HoldNoKeyMaterialInTheClear()
    {
        var data = NewDataFolder();
        await using var server = await ServerFixture.StartAsync(Jobs, dataFolder: data);
        await SignInAsync(server, new CookieContainer());

        var keys = await StoredKeysAsync(server);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
        Assert.All(keys, xml => Assert.Contains("urn:kairos:key-protection", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysStoredInPlainTextByAnEarlierVersion_AreEncryptedAtStart_AndWhatTheyProtectedStillOpens()
    {
        var data = NewDataFolder();
        string protectedByOldKey;
        // What an earlier version did: Data Protection keys in the store with no encryptor at all.
        await using (var store = SqliteStore.Open(Path.Combine(data, "kairos.db")))
        {
            await store.MigrateAsync();
            var services = new ServiceCollection();
            services.AddDataProtection().SetApplicationName("Kairos");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PlainStoreRepository(store));
            await using var provider = services.BuildServiceProvider();
            protectedByOldKey = provider.GetDataProtector("test").Protect("still readable");
            Assert.Contains((await store.Users.ProtectionKeysAsync()), k => k.Xml.Contains("masterKey", StringComparison.Ordinal));
        }

        await using var server = await ServerFixture.StartAsync(Jobs, dataFolder: data);

        Assert.All(await StoredKeysAsync(server), xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
        Assert.Equal("still readable", server.App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByOldKey));
    }

    [Fact]
    public async Task RotatedSecret_PreviousOneReadsAndReencrypts_ThenIsNoLongerNeeded_AndAnUnknownSecretEndsSessionsWithoutStoppingTheServer()
    {
        var data = NewDataFolder();
        var cookies = new CookieContainer();
        await using (var first = await StartAsync(data, "--Kairos:Access:KeyProtection:Secret", SecretA))
            await SignInAsync(first, cookies);

        await using (var rotating = await StartAsync(data, "--Kairos:Access:KeyProtection:Secret", SecretB, "--Kairos:Access:KeyProtection:PreviousSecrets:0", SecretA))
        {
            Assert.Equal(HttpStatusCode.OK, await MeAsync(rotating, cookies));
            var b = KeyEncryptionKey.FromSecret(SecretB)!.Id;
            Assert.All(await StoredKeysAsync(rotating), xml => Assert.Contains($"keyId=\"{b}\"", xml, StringComparison.Ordinal));
        }

        await using (var rotated = await StartAsync(data, "--Kairos:Access:KeyProtection:Secret", SecretB))
            Assert.Equal(HttpStatusCode.OK, await MeAsync(rotated, cookies));

        await using var wrong = await StartAsync(data, "--Kairos:Access:KeyProtection:Secret", "a third secret nobody used before, long 9012");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(wrong, cookies));
        await SignInAsync(wrong, new CookieContainer());
    }

    [Fact]
    public async Task CertificateFromPemFiles_EncryptsTheKeys_AndSessionsSurviveARestart()
    {
        var data = NewDataFolder();
        var (certificate, key) = WritePemCertificate(data);
        var cookies = new CookieContainer();
        string[] settings = ["--Kairos:Access:KeyProtection:CertificateFile", certificate, "--Kairos:Access:KeyProtection:CertificateKeyFile", key];
        await using (var first = await StartAsync(data, settings))
        {
            await SignInAsync(first, cookies);
            Assert.All(await StoredKeysAsync(first), xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
            Assert.All(await StoredKeysAsync(first), xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
        }
        await using var again = await StartAsync(data, settings);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(again, cookies));
    }

    [Fact]
    public void Postgres_WithoutAKeyForEveryNode_RefusesToStart_SayingWhatToSet()
    {
        var refusal = Assert.Throws<StartupRefusal>(() => KairosServer.Build(["--url", "http://127.0.0.1:0", "--data", NewDataFolder(), "--postgres", "Host=127.0.0.1;Port=1;Database=none"]));
        Assert.Contains("Kairos__Access__KeyProtection__SecretFile", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Kairos:Access:KeyProtection:Secret", "too short")]
    [InlineData("--Kairos:Access:KeyProtection:SecretFile", "/no/such/secret/file")]
    [InlineData("--Kairos:Access:KeyProtection:CertificateFile", "/no/such/certificate.pem")]
    public void UnusableKeySetting_RefusesToStart_NamingTheSetting(string flag, string value)
    {
        var refusal = Assert.Throws<StartupRefusal>(() => KairosServer.Build(["--url", "http://127.0.0.1:0", "--data", NewDataFolder(), flag, value]));
        Assert.Contains(KeyProtectionOptions.Section, refusal.Message, StringComparison.Ordinal);
    }

    private static string NewDataFolder() => Path.Combine(Path.GetDirectoryName(TestServers.NewSqlitePath())!, "data");

    private static Task<ServerFixture> StartAsync(string data, params string[] settings) =>
        ServerFixture.StartAsync(Jobs, dataFolder: data, jobsFolder: Path.Combine(data, "..", "jobs"), extraArgs: settings);

    private static async Task<List<string>> StoredKeysAsync(ServerFixture server) =>
        (await server.App.Services.GetRequiredService<IKairosStore>().Users.ProtectionKeysAsync()).Select(k => k.Xml).ToList();

    private static HttpClient Browser(ServerFixture server, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = server.Address };

    private static async Task SignInAsync(ServerFixture server, CookieContainer cookies)
    {
        using var browser = Browser(server, cookies);
        var signIn = await browser.PostAsJsonAsync("api/auth/login", new SignInRequest("tester", ServerFixture.AdminPassword));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    private static async Task<HttpStatusCode> MeAsync(ServerFixture server, CookieContainer cookies)
    {
        using var browser = Browser(server, cookies);
        return (await browser.GetAsync("api/auth/me")).StatusCode;
    }

    private static (string Certificate, string Key) WritePemCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=kairos-session-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(folder);
        var (crt, key) = (Path.Combine(folder, "..", "tls.crt"), Path.Combine(folder, "..", "tls.key"));
        File.WriteAllText(crt, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (crt, key);
    }

    /// <summary>The store as an earlier version's key repository: same table, no encryption.</summary>
    private sealed class PlainStoreRepository(IKairosStore store) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() =>
            store.Users.ProtectionKeysAsync().GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml)).ToList();

        public void StoreElement(XElement element, string friendlyName) =>
            store.Users.SaveProtectionKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
