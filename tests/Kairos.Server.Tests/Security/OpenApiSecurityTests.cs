using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kairos.Server.Tests.Security;

/// <summary>
/// The OpenAPI description says how each operation is signed in to, and what it says holds: an operation that declares
/// it needs a token or a session refuses an anonymous caller, and one that declares none lets one in.
/// </summary>
public sealed class OpenApiSecurityTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryOperation_DeclaresItsSignIn_AndAnonymousCallsAgreeWithIt()
    {
        var doc = await _server.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearerToken").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("sessionCookie").GetProperty("in").GetString());
        Assert.All(doc.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));

        using var anonymous = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = _server.Address };
        var checkedRequired = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            Assert.True(operation.Value.TryGetProperty("security", out var security), $"{name} declares no security");
            var required = security.GetArrayLength() > 0 && security.EnumerateArray().All(r => r.EnumerateObject().Any());
            // Reads are safe to try anonymously with any id; a write is tried only where it must be refused.
            if (!required || operation.Name != "get") continue;
            var url = path.Name.TrimStart('/').Replace("{id}", "1", StringComparison.Ordinal).Replace("{name}", "x", StringComparison.Ordinal);
            if (url.Contains('{', StringComparison.Ordinal)) url = System.Text.RegularExpressions.Regex.Replace(url, "{[^}]+}", "x");
            using var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} declares a sign-in but answered {(int)response.StatusCode} anonymously");
            checkedRequired++;
        }
        Assert.True(checkedRequired > 10, $"only {checkedRequired} operations were checked");
        var login = doc.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("security");
        Assert.Equal(0, login.GetArrayLength());
    }
}
