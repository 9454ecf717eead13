namespace Kairos.Scheduling;

public sealed record SchedulerOptions
{
    /// <summary>
    /// This node's name in claims, leases and run records; unique per running scheduler and the same after a restart, so
    /// a restarted node finds the runs it started (the server makes it from the host name and port unless given).
    /// </summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>How far ahead slots are written to the store, so a run row exists before its slot comes due.</summary>
    public TimeSpan Lookahead { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the planner runs.</summary>
    public TimeSpan PlanInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest the dispatcher sleeps without checking the store for due work from elsewhere.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A running run's lease; a node renews it at least every third of this, and a run whose lease ends has lost its node.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node renews its leases and looks for kill requests made on other nodes.</summary>
    public TimeSpan ControlInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Slots older than this when first planned are missed and follow the job's misfire policy.</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Slots further back than this are not planned at all after long downtime.</summary>
    public TimeSpan MaxLookback { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long shutdown waits for running runs before it kills them.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long before its due time a run is claimed. The claim's transaction then happens before the slot, and the
    /// node starts the run on the slot's instant from memory. A hold within this span before a slot does not skip it.
    /// </summary>
    public TimeSpan ClaimAhead { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long after its planned start a claimed run stays this node's without being started. A node that dies holding
    /// claims costs their runs this long, not a lease: then any node claims them.
    /// </summary>
    public TimeSpan ClaimFor { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A node silent this long (no heartbeat in the store) is dead: other nodes take over its running runs once their
    /// leases end too. Its supervised processes stop themselves after half of this without their node.
    /// </summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most runs one claim takes.</summary>
    public int MaxClaim { get; init; } = 5000;

    /// <summary>How often captured output and finished attempts are written to the store.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How often waiting runs are judged against their dependencies when nothing wakes the pass sooner (an outcome written
    /// on this node wakes it at once; one written by another node is seen within this interval).
    /// </summary>
    public TimeSpan DependencyInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A node just started looks this far back for upstream runs that ended and conditions that were set, to create the runs of dependent jobs without a schedule.</summary>
    public TimeSpan DependencyLookback { get; init; } = TimeSpan.FromDays(1);
}
