using Kairos.Core.Dependencies;
using Kairos.Core.Flows;
using Kairos.Core.Jobs;
using Kairos.Core.Schedules;
using Kairos.Cron;

namespace Kairos.Core.Tests;

internal static class Jobs
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static Job Every(string cron, string? calendar = null, DayRule? days = null, TimeWindow? window = null, MisfirePolicy? misfire = null) =>
        new("j", new Schedule(CronExpression.Parse(cron), Seoul, calendar, days, window), new NoopAction(),
            TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, misfire ?? MisfirePolicy.Default);

    /// <summary>A noop step of a flow, after the given steps of the same business date.</summary>
    public static Job Step(string id, FlowPart flow, params string[] after) =>
        new(id, null, new NoopAction(), TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Forbid, MisfirePolicy.Default,
            After: after.Length == 0 ? null : [.. after.Select(u => Dependency.OnJob(u))], Flow: flow);

    public static DateTimeOffset Kst(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.FromHours(9));
}
