namespace Kairos.Client.Contracts;

/// <summary>
/// One thing a job waits for, per business date: a run of another job (<c>job</c>) or a named external condition
/// (<c>condition</c>); exactly one of the two. See docs/job-schema.md.
/// </summary>
public sealed class AfterDefinition
{
    /// <summary>The id of the upstream job whose run for the business date this job waits for.</summary>
    public string? Job { get; set; }

    /// <summary>An external condition that must be set for the business date, such as <c>core-eod-file</c>: lower-case letters, digits, '.', '_' and '-'.</summary>
    public string? Condition { get; set; }

    /// <summary><c>succeeded</c> (default): the upstream's run must succeed; <c>finished</c>: any final state will do. Only with <c>job</c>.</summary>
    public string? State { get; set; }

    /// <summary><c>same</c> (default): the run's own business date; <c>previous</c>: the business day before it on this job's calendar.</summary>
    public string? BusinessDate { get; set; }

    /// <summary>
    /// When the upstream's calendar is closed on the counted date: <c>previous</c> (default) counts its run for its
    /// latest business date before it, <c>ignore</c> drops the dependency that day, <c>wait</c> waits for a run for
    /// that date anyway. Only with <c>job</c>.
    /// </summary>
    public string? IfClosed { get; set; }
}
