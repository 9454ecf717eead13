using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Wrong passwords lock the account (not just the address), the lock looks like any failure, and an admin lifts it.</summary>
public sealed class SignInLockoutTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>(),
        extraArgs: ["--Kairos:Access:LockoutFailures", "3", "--Kairos:Access:SignInAttemptsPerMinute", "100"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IKairosStore Store => _server.App.Services.GetRequiredService<IKairosStore>();

    [Fact]
    public async Task Lockout_AfterThreeWrongPasswords_TheRightOneIsRefusedLikeAnyFailure_UntilAnAdminUnlocks()
    {
        await _server.TokenForAsync("kim", Role.Operator);
        using var anonymous = await _server.ClientAsAsync(null);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(anonymous, "kim", "not the password")).StatusCode);

        var locked = await SignInAsync(anonymous, "kim", ServerFixture.AdminPassword);
        var unknown = await SignInAsync(anonymous, "nobody", ServerFixture.AdminPassword);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (locked.StatusCode, unknown.StatusCode));
        Assert.Equal(await DetailAsync(unknown), await DetailAsync(locked));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/auth/tokens", new TokenRequest("kim", ServerFixture.AdminPassword))).StatusCode);
        var audit = await Store.Audit.ListAsync("user:kim", 20);
        Assert.Single(audit, e => e.Action == "auth.locked");
        Assert.Equal(2, audit.Count(e => e.Action == "auth.login-failed" && e.Detail == "locked"));
        var listed = (await _server.Http.GetFromJsonAsync<List<UserDto>>("api/users"))!.Single(u => u.Name == "kim");
        Assert.NotNull(listed.LockedUntil);

        var unlock = await _server.Http.PatchAsJsonAsync("api/users/kim", new UserChangeRequest(Unlock: true));
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Null((await unlock.Content.ReadFromJsonAsync<UserDto>())!.LockedUntil);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(anonymous, "kim", ServerFixture.AdminPassword)).StatusCode);
        var unlocked = (await Store.Audit.ListAsync("user:kim", 20)).Single(e => e.Action == "user.unlock");
        Assert.Equal(("tester", "unlocked"), (unlocked.Actor, unlocked.After));
        Assert.DoesNotContain(await Store.Audit.ListAsync("user:kim", 20), e => e.Action == "user.change");
    }

    [Fact]
    public async Task Lockout_ARightPasswordBeforeTheLimit_StartsTheCountAgain()
    {
        await _server.TokenForAsync("lee", Role.Viewer);
        using var anonymous = await _server.ClientAsAsync(null);
        await SignInAsync(anonymous, "lee", "wrong one");
        await SignInAsync(anonymous, "lee", "wrong two");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(anonymous, "lee", ServerFixture.AdminPassword)).StatusCode);
        await SignInAsync(anonymous, "lee", "wrong three");
        await SignInAsync(anonymous, "lee", "wrong four");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(anonymous, "lee", ServerFixture.AdminPassword)).StatusCode);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("api/auth/login", new SignInRequest(user, password));

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}
