namespace Kairos.Client.Contracts;

/// <summary>
/// Why a job runs when it does: its upcoming slots and its recent runs with outcome or reason, and for a job with
/// <c>after</c>, each dependency as it stands for one business date (<see cref="DependencyDate"/>).
/// </summary>
public sealed record ExplainDto(string JobId, string Schedule, bool Held, IReadOnlyList<SlotDto> Next, IReadOnlyList<RunDto> Recent,
    string? DependencyDate = null, IReadOnlyList<DependencyDto>? Dependencies = null);

/// <summary>One dependency judged for a business date: which date of the upstream counted, whether it holds, and why in words.</summary>
/// <param name="Job">The upstream job, for a job dependency.</param>
/// <param name="Condition">The condition's name, for a condition.</param>
/// <param name="BusinessDate">The business date that counted (T-1, or the upstream's previous business date on its closed day).</param>
/// <param name="Met">Whether it holds now.</param>
/// <param name="Why">The reason in words, naming the closed-day rule when one applied.</param>
public sealed record DependencyDto(string? Job, string? Condition, string BusinessDate, bool Met, string Why);

/// <summary>An upcoming slot: when (UTC and local), the business date, and whether it will run.</summary>
/// <param name="SlotTime">UTC instant.</param>
/// <param name="LocalTime">Wall-clock time in the job's time zone, with the zone named.</param>
/// <param name="BusinessDate">The business date a run of this slot is for.</param>
/// <param name="WillRun">False when the slot is skipped.</param>
/// <param name="SkipReason">Why it will be skipped.</param>
/// <param name="Detail">The reason in words (the holiday, the hold).</param>
/// <param name="RunId">The run already planned for this slot, if any.</param>
public sealed record SlotDto(DateTimeOffset SlotTime, string LocalTime, string BusinessDate, bool WillRun, string? SkipReason, string? Detail, long? RunId);

/// <summary>A slot that will run, in the list across every job.</summary>
/// <param name="JobId">The job.</param>
/// <param name="SlotTime">The slot, UTC.</param>
/// <param name="LocalTime">The slot in the job's time zone, with the zone named.</param>
/// <param name="BusinessDate">The business date the run will get.</param>
public sealed record UpcomingSlotDto(string JobId, DateTimeOffset SlotTime, string LocalTime, string BusinessDate);
