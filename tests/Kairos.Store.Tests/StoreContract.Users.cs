using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static UserRecord User(string name, Role role, params string[] owners) => new(name, role, "hash-of-" + name, owners, false, T0, T0);

    [Fact]
    public async Task Users_AddedOnce_ReadBackWithEveryField_Updated()
    {
        Assert.True(await Store.Users.AddAsync(User("kim", Role.Operator, "payments", "fx")));
        Assert.False(await Store.Users.AddAsync(User("kim", Role.Admin)));
        var read = await SecondNode().Users.GetAsync("kim");
        Assert.NotNull(read);
        Assert.Equal((Role.Operator, "hash-of-kim", false, T0), (read.Role, read.PasswordHash, read.Disabled, read.CreatedAt));
        Assert.Equal(["payments", "fx"], read.Owners);

        Assert.True(await Store.Users.UpdateAsync(read with { Role = Role.Viewer, Owners = [], Disabled = true, ChangedAt = T0.AddMinutes(1) }));
        var updated = (await Store.Users.ListAsync()).Single();
        Assert.Equal((Role.Viewer, true, T0.AddMinutes(1)), (updated.Role, updated.Disabled, updated.ChangedAt));
        Assert.Empty(updated.Owners);
        Assert.False(await Store.Users.UpdateAsync(User("nobody", Role.Viewer)));
    }

    [Fact]
    public async Task Tokens_FoundByHashWithTheirUser_RevokedOnce()
    {
        await Store.Users.AddAsync(User("ci", Role.Operator));
        var id = await Store.Users.AddTokenAsync(new ApiTokenRecord(0, "ci", "deploy", "abc123", T0, T0.AddDays(30), null));
        var found = await SecondNode().Users.FindTokenAsync("abc123");
        Assert.NotNull(found);
        Assert.Equal((id, "deploy", "ci", Role.Operator), (found.Value.Token.Id, found.Value.Token.Label, found.Value.User.Name, found.Value.User.Role));
        Assert.True(found.Value.Token.IsValidAt(T0.AddDays(29)));
        Assert.False(found.Value.Token.IsValidAt(T0.AddDays(31)));
        Assert.Null(await Store.Users.FindTokenAsync("other"));

        Assert.True(await Store.Users.RevokeTokenAsync(id, T0.AddHours(1)));
        Assert.False(await Store.Users.RevokeTokenAsync(id, T0.AddHours(2)));
        var revoked = (await Store.Users.TokensAsync("ci")).Single();
        Assert.Equal(T0.AddHours(1), revoked.RevokedAt);
        Assert.False(revoked.IsValidAt(T0.AddHours(1)));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Users.AddTokenAsync(new ApiTokenRecord(0, "ghost", "x", "zzz", T0, null, null)));
    }

    [Fact]
    public async Task ProtectionKeys_SavedAndReplacedByName_AndAuditKeepsSourceAndStates()
    {
        await Store.Users.SaveProtectionKeyAsync("key-1", "<key>1</key>");
        await Store.Users.SaveProtectionKeyAsync("key-1", "<key>1b</key>");
        await Store.Users.SaveProtectionKeyAsync("key-2", "<key>2</key>");
        Assert.Equal([("key-1", "<key>1b</key>"), ("key-2", "<key>2</key>")], await SecondNode().Users.ProtectionKeysAsync());

        await Store.Audit.AppendAsync(new AuditEntry(T0, "kim", "job.hold", "job:a", "maintenance", null, Source: "10.0.0.7 console", Before: "released", After: "held"));
        var entry = (await Store.Audit.ListAsync("job:a", 10)).Single();
        Assert.Equal(("10.0.0.7 console", "released", "held"), (entry.Source, entry.Before, entry.After));
    }
}
