namespace Kairos.Server.Approvals;

/// <summary>Kairos:Approvals — which actions need a second person (four eyes), and how long a request waits.</summary>
public sealed class ApprovalOptions
{
    /// <summary>
    /// The names <see cref="Require"/> accepts: every operator action and every calendar change. Anything else there is a
    /// configuration error, so a misspelt name cannot leave an action silently ungated.
    /// </summary>
    public static readonly IReadOnlyList<string> Gateable =
    [
        GatedActions.Hold, GatedActions.Release, GatedActions.Trigger, GatedActions.SkipNext, GatedActions.Backfill,
        GatedActions.Kill, GatedActions.Rerun, GatedActions.MarkSucceeded, GatedActions.FlowRerun,
        GatedActions.CalendarOverride, GatedActions.CalendarImport, GatedActions.CalendarDefine,
    ];

    /// <summary>Actions that wait for approval, such as <c>run.mark-succeeded</c>, <c>job.backfill</c>, <c>calendar.override</c>.</summary>
    public List<string> Require { get; set; } = [];

    /// <summary>A request not decided within this long expires.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// The names of actions a second person can be asked to approve; also their audit action names. Some are gated by a
/// broader name too, so that listing the broad one closes every way to the same effect (see docs/access.md).
/// </summary>
public static class GatedActions
{
    public const string Hold = "job.hold";
    public const string Release = "job.release";

    /// <summary>A run now; for a business date before today's it is a backfill, and <see cref="Backfill"/> gates it too.</summary>
    public const string Trigger = "job.trigger";
    public const string SkipNext = "job.skip-next";
    public const string Backfill = "job.backfill";
    public const string Kill = "run.kill";
    public const string Rerun = "run.rerun";
    public const string MarkSucceeded = "run.mark-succeeded";

    /// <summary>Rerun a flow run from a step: the step and everything downstream of it, for one business date; <see cref="Rerun"/> gates it too.</summary>
    public const string FlowRerun = "flow.rerun";

    /// <summary>Closing or opening one day; also gates <see cref="CalendarRevert"/> and <see cref="CalendarImport"/>.</summary>
    public const string CalendarOverride = "calendar.override";

    /// <summary>Applying an imported business-day table; gated by its own name or by <see cref="CalendarOverride"/>.</summary>
    public const string CalendarImport = "calendar.import";

    /// <summary>Returning a day to the calendar's rules (DELETE of an override): not a name of its own in Require.</summary>
    public const string CalendarRevert = "calendar.revert";

    /// <summary>Defining or changing an institution calendar; gated by its own name or by <see cref="CalendarOverride"/>.</summary>
    public const string CalendarDefine = "calendar.define";

    /// <summary>Deleting an institution calendar: gated by <see cref="CalendarDefine"/> or <see cref="CalendarOverride"/>, not a name of its own in Require.</summary>
    public const string CalendarDeleteDefinition = "calendar.delete-definition";
}
