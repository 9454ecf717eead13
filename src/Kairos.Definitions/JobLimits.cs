namespace Kairos.Definitions;

/// <summary>
/// The largest values a job definition may hold (docs/job-schema.md lists them). Each is far above any real job and
/// far below what the scheduler's arithmetic (timers of at most 49 days, instants up to year 9999) can take, so a
/// definition that passes validation can never make a pass of the scheduler, the alerts or the lease keeper throw.
/// </summary>
public static class JobLimits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromDays(7);
    public static readonly TimeSpan KillGrace = TimeSpan.FromHours(1);
    public static readonly TimeSpan Backoff = TimeSpan.FromDays(1);
    public static readonly TimeSpan SlaDuration = TimeSpan.FromDays(31);
    public static readonly TimeSpan CatchupWindow = TimeSpan.FromDays(366);

    // A run that waits a week for its upstreams has been forgotten, not delayed.
    public static readonly TimeSpan WaitUntil = TimeSpan.FromDays(7);

    public const int RetryCount = 100;
    public const int DescriptionLength = 2_000;
    public const int OwnerLength = 100;
    public const int TagLength = 100;
    public const int TagCount = 50;
    public const int AfterCount = 100;

    /// <summary>Steps in one flow: a graph an operator can still read on one screen.</summary>
    public const int FlowSteps = 200;
}
