using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.Server.Tests;

/// <summary><c>kairos users</c> on the store itself follows the server's rules for passwords, lockout and token lifetimes.</summary>
public sealed class UserAdminCommandTests
{
    [Fact]
    public async Task Offline_NewPasswordEndsSessionsAndTokens_UnlockLiftsTheLock_TokenDaysCapped()
    {
        var database = TestServers.NewSqlitePath();
        var folder = Path.GetDirectoryName(database)!;
        var now = DateTimeOffset.UtcNow;
        await using (var store = SqliteStore.Open(database))
        {
            await store.MigrateAsync();
            await store.Users.AddAsync(new UserRecord("kim", Role.Operator, Passwords.Hash("kim", "the old password"), [], false, now, now));
            await store.Users.AddTokenAsync(new ApiTokenRecord(0, "kim", "laptop", "token-hash", now, now.AddDays(30), null));
            await store.Users.AddSessionAsync(new SessionRecord("session-hash", "kim", now, now.AddHours(12), now.AddMinutes(30), null, "ticket"));
            await store.Users.RecordSignInFailureAsync("kim", now, new SignInLockout(1, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)));
        }

        Console.SetIn(new StringReader("a brand new secret\n"));
        Assert.Equal(0, await UserAdminCommand.RunAsync(["password", "kim", "--password-stdin", "--data", folder], TimeProvider.System));
        Assert.Equal(0, await UserAdminCommand.RunAsync(["unlock", "kim", "--data", folder], TimeProvider.System));
        Assert.Equal(4, await UserAdminCommand.RunAsync(["token", "kim", "--days", "0", "--data", folder], TimeProvider.System));
        Assert.Equal(4, await UserAdminCommand.RunAsync(["token", "kim", "--days", "91", "--data", folder], TimeProvider.System));

        await using (var store = SqliteStore.Open(database))
        {
            var kim = (await store.Users.GetAsync("kim"))!;
            Assert.False(kim.IsLockedAt(now));
            Assert.True(Passwords.Verify("kim", kim.PasswordHash, "a brand new secret"));
            Assert.NotNull((await store.Users.TokensAsync("kim")).Single().RevokedAt);
            Assert.NotNull((await store.Users.FindSessionAsync("session-hash"))!.RevokedAt);
            var audit = await store.Audit.ListAsync("user:kim", 10);
            Assert.EndsWith("password changed; 1 session(s) ended, 1 token(s) revoked", audit.Single(e => e.Action == "user.change").Detail, StringComparison.Ordinal);
            Assert.Single(audit, e => e.Action == "user.unlock");
        }
    }
}
