using Kairos.Core.Ports;
using Kairos.Server.Api;
using Kairos.Testing;

namespace Kairos.Server.Tests;

/// <summary>The per-address minute of <see cref="AnonymousWrites"/>, on a clock that moves only when told.</summary>
public sealed class AnonymousWriteCountTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private static AuditEntry Row(string path) => new(Start, "anonymous", "http.post", path);

    [Fact]
    public void Refused_ManyInOneMinute_FirstRowAtOnce_OneSummaryWhenTheMinuteEnds()
    {
        var clock = new ManualClock(Start);
        using var counts = new AnonymousWrites(new AnonymousWriteOptions { AnonymousWritesPerMinute = 3 }, clock);
        var rows = new List<AuditEntry>();
        for (var i = 0; i < 10; i++)
        {
            var admitted = counts.TryAdmit("203.0.113.9", out var retryAfter);
            Assert.Equal(i < 3, admitted);
            Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
            rows.AddRange(counts.Refused("203.0.113.9", admitted ? 401 : 429, () => Row($"/api/jobs/{i}/hold")));
        }
        Assert.Equal(["/api/jobs/0/hold"], rows.Select(r => r.Target));
        Assert.Empty(counts.TakeEnded());

        clock.Advance(TimeSpan.FromMinutes(1));
        var summary = Assert.Single(counts.TakeEnded());
        Assert.Equal(("http.refused-anonymous", "address:203.0.113.9"), (summary.Action, summary.Target));
        Assert.StartsWith("10 refused writes without sign-in from 203.0.113.9 in the minute from 2026-11-30 03:00:00 UTC (7 answered 429)", summary.Detail, StringComparison.Ordinal);
        Assert.True(counts.TryAdmit("203.0.113.9", out _)); // a new minute starts afresh
    }

    [Fact]
    public void Refused_NextMinuteBeforeTheTimer_SummaryOfTheLastMinuteComesWithTheNewFirstRow()
    {
        var clock = new ManualClock(Start);
        using var counts = new AnonymousWrites(new AnonymousWriteOptions(), clock);
        counts.Refused("198.51.100.7", 401, () => Row("/api/a"));
        counts.Refused("198.51.100.7", 401, () => Row("/api/b"));
        clock.Advance(TimeSpan.FromSeconds(61));
        var rows = counts.Refused("198.51.100.7", 401, () => Row("/api/c"));
        Assert.Equal(["address:198.51.100.7", "/api/c"], rows.Select(r => r.Target));
        Assert.Empty(counts.TakeEnded());
    }

    [Fact]
    public void Refused_OnlyOneInAMinute_NoSummary()
    {
        var clock = new ManualClock(Start);
        using var counts = new AnonymousWrites(new AnonymousWriteOptions(), clock);
        Assert.Single(counts.Refused("192.0.2.1", 401, () => Row("/api/a")));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(counts.TakeEnded());
    }

    [Fact]
    public void Clip_ControlCharactersAndLength()
    {
        Assert.Equal("/api/x?y", RequestAudit.Clip("/api/x\ny", 200));
        Assert.Equal(new string('a', 5) + "…", RequestAudit.Clip(new string('a', 50), 5));
    }
}
