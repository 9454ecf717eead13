namespace Kairos.Core.Jobs;

/// <summary>What to do with slots whose time passed while no scheduler was running.</summary>
public enum MisfireMode
{
    /// <summary>Every missed slot is skipped with reason missed.</summary>
    Skip,
    /// <summary>The latest missed slot within the catch-up window runs; the rest are skipped.</summary>
    RunOnce,
    /// <summary>Every missed slot within the catch-up window runs; older ones are skipped.</summary>
    RunAll,
}

/// <summary>A misfire mode and how far back a missed slot may still run.</summary>
public sealed record MisfirePolicy(MisfireMode Mode, TimeSpan CatchupWindow)
{
    public static readonly MisfirePolicy Default = new(MisfireMode.RunOnce, TimeSpan.FromMinutes(10));
}
