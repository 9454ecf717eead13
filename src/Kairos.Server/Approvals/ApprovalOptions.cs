namespace Kairos.Server.Approvals;

/// <summary>Kairos:Approvals — which actions need a second person (four eyes), and how long a request waits.</summary>
public sealed class ApprovalOptions
{
    /// <summary>The actions that can be gated; anything else in <see cref="Require"/> is a configuration error.</summary>
    public static readonly IReadOnlyList<string> Gateable = [GatedActions.MarkSucceeded, GatedActions.SkipNext, GatedActions.Backfill, GatedActions.CalendarOverride];

    /// <summary>Actions that wait for approval, such as <c>run.mark-succeeded</c>, <c>job.backfill</c>, <c>calendar.override</c>.</summary>
    public List<string> Require { get; set; } = [];

    /// <summary>A request not decided within this long expires.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>The names of actions a second person can be asked to approve; also their audit action names.</summary>
public static class GatedActions
{
    public const string MarkSucceeded = "run.mark-succeeded";
    public const string SkipNext = "job.skip-next";
    public const string Backfill = "job.backfill";
    public const string CalendarOverride = "calendar.override";
}
