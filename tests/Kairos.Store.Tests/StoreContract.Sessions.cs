using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static SessionRecord Session(string idHash, string user, DateTimeOffset at) =>
        new(idHash, user, at, at.AddHours(12), at.AddMinutes(30), null, "protected-ticket-" + idHash);

    [Fact]
    public async Task Sessions_AddedAndFoundOnAnotherNode_RenewedWithoutMovingTheAbsoluteExpiry_EndedOnce()
    {
        await Store.Users.AddSessionAsync(Session("s1", "kim", T0));
        var found = await SecondNode().Users.FindSessionAsync("s1");
        Assert.Equal(Session("s1", "kim", T0), found);
        Assert.Null(await Store.Users.FindSessionAsync("other"));

        Assert.True(await Store.Users.RenewSessionAsync("s1", "renewed", T0.AddMinutes(50)));
        var renewed = (await SecondNode().Users.FindSessionAsync("s1"))!;
        Assert.Equal(("renewed", T0.AddMinutes(50), T0.AddHours(12)), (renewed.Ticket, renewed.IdleExpiry, renewed.AbsoluteExpiry));
        Assert.True(renewed.IsLiveAt(T0.AddMinutes(49)));
        Assert.False(renewed.IsLiveAt(T0.AddMinutes(50)));
        Assert.True(await Store.Users.RenewSessionAsync("s1", "renewed", T0.AddHours(13)));
        Assert.Equal(T0.AddHours(12), (await Store.Users.FindSessionAsync("s1"))!.IdleExpiry);

        Assert.True(await Store.Users.EndSessionAsync("s1", T0.AddMinutes(5)));
        Assert.False(await SecondNode().Users.EndSessionAsync("s1", T0.AddMinutes(6)));
        Assert.False(await Store.Users.RenewSessionAsync("s1", "too late", T0.AddHours(1)));
        var ended = (await Store.Users.FindSessionAsync("s1"))!;
        Assert.Equal((T0.AddMinutes(5), "renewed"), (ended.RevokedAt, ended.Ticket));
        Assert.False(ended.IsLiveAt(T0.AddMinutes(6)));
    }

    [Fact]
    public async Task Sessions_EndedForOneUser_CountsOnlyTheLiveOnes_ThenEndedOnesAreDeleted()
    {
        await Store.Users.AddSessionAsync(Session("a1", "kim", T0));
        await Store.Users.AddSessionAsync(Session("a2", "kim", T0.AddMinutes(20)));
        await Store.Users.AddSessionAsync(Session("a3", "kim", T0.AddMinutes(25)));
        await Store.Users.AddSessionAsync(Session("b1", "lee", T0.AddMinutes(25)));
        await Store.Users.EndSessionAsync("a3", T0.AddMinutes(26));

        // At T0+35 a1 is idle-expired and a3 already ended: only a2 is live.
        Assert.Equal(1, await SecondNode().Users.EndSessionsOfAsync("kim", T0.AddMinutes(35)));
        Assert.Equal(0, await Store.Users.EndSessionsOfAsync("kim", T0.AddMinutes(36)));
        Assert.True((await Store.Users.FindSessionAsync("b1"))!.IsLiveAt(T0.AddMinutes(35)));

        Assert.Equal(3, await Store.Users.DeleteEndedSessionsAsync(T0.AddMinutes(40)));
        Assert.Null(await Store.Users.FindSessionAsync("a1"));
        Assert.NotNull(await Store.Users.FindSessionAsync("b1"));
        Assert.Equal(1, await Store.Users.DeleteEndedSessionsAsync(T0.AddHours(13)));
    }

    [Fact]
    public async Task Tokens_RevokedForOneUser_CountsThoseNotYetRevoked()
    {
        await Store.Users.AddAsync(User("ci", Role.Operator));
        await Store.Users.AddAsync(User("kim", Role.Viewer));
        var first = await Store.Users.AddTokenAsync(new ApiTokenRecord(0, "ci", "a", "h1", T0, null, null));
        await Store.Users.AddTokenAsync(new ApiTokenRecord(0, "ci", "b", "h2", T0, T0.AddDays(9), null));
        await Store.Users.AddTokenAsync(new ApiTokenRecord(0, "kim", "c", "h3", T0, null, null));
        await Store.Users.RevokeTokenAsync(first, T0.AddHours(1));

        Assert.Equal(1, await SecondNode().Users.RevokeTokensOfAsync("ci", T0.AddHours(2)));
        Assert.All(await Store.Users.TokensAsync("ci"), t => Assert.NotNull(t.RevokedAt));
        Assert.Equal(T0.AddHours(1), (await Store.Users.TokensAsync("ci")).Single(t => t.Id == first).RevokedAt);
        Assert.Null((await Store.Users.TokensAsync("kim")).Single().RevokedAt);
    }

    [Fact]
    public async Task Lockout_FailuresWithinTheWindowLock_OlderOnesStartAgain_SuccessForgets_UnlockLifts()
    {
        var lockout = new SignInLockout(3, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));
        await Store.Users.AddAsync(User("kim", Role.Operator));
        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0, lockout));
        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(1), lockout));
        // The window has passed since the first failure: this one counts as the first again.
        Assert.Null(await SecondNode().Users.RecordSignInFailureAsync("kim", T0.AddMinutes(11), lockout));
        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(12), lockout));
        Assert.Equal(T0.AddMinutes(28), await SecondNode().Users.RecordSignInFailureAsync("kim", T0.AddMinutes(13), lockout));
        var locked = (await Store.Users.GetAsync("kim"))!;
        Assert.True(locked.IsLockedAt(T0.AddMinutes(27)));
        Assert.False(locked.IsLockedAt(T0.AddMinutes(28)));
        // Guessing on while locked neither extends the lock nor counts towards the next one.
        for (var i = 0; i < 3; i++) Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(14), lockout));
        Assert.Equal(T0.AddMinutes(28), (await Store.Users.GetAsync("kim"))!.LockedUntil);
        // An update of role or password leaves the lock as it is.
        await Store.Users.UpdateAsync(locked with { Role = Role.Viewer, LockedUntil = null });
        Assert.Equal(T0.AddMinutes(28), (await Store.Users.GetAsync("kim"))!.LockedUntil);

        Assert.True(await Store.Users.UnlockAsync("kim", T0.AddMinutes(14)));
        Assert.False(await Store.Users.UnlockAsync("kim", T0.AddMinutes(14)));
        Assert.Null((await Store.Users.GetAsync("kim"))!.LockedUntil);

        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(15), lockout));
        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(16), lockout));
        await Store.Users.ClearSignInFailuresAsync("kim");
        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(17), lockout));
        Assert.Null(await Store.Users.RecordSignInFailureAsync("nobody", T0, lockout));
        await Store.Users.AddAsync(User("gone", Role.Viewer) with { Disabled = true });
        for (var i = 0; i < 3; i++) Assert.Null(await Store.Users.RecordSignInFailureAsync("gone", T0, lockout));
        Assert.Null(await Store.Users.RecordSignInFailureAsync("kim", T0.AddMinutes(18), lockout with { Failures = 0 }));
    }
}
