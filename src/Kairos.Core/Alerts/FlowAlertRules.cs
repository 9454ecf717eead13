using System.Globalization;
using Kairos.Core.Flows;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;

namespace Kairos.Core.Alerts;

/// <summary>Whether a flow run deserves its flow-late alert at an instant. Pure, like <see cref="AlertRules"/>.</summary>
public static class FlowAlertRules
{
    /// <param name="expectedAt">When the flow run was due to begin: its first root run's slot (or, triggered, its creation).</param>
    public static DueAlert? Due(FlowRunStatus status, DateTimeOffset expectedAt, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(zone);
        if (status.Flow.FinishBy is not { } finishBy) return null;
        var deadline = finishBy.Deadline(expectedAt, zone);
        var (flow, date) = (status.Flow.Name, BusinessDates.ToText(status.BusinessDate));
        var shown = TimeZoneInfo.ConvertTime(deadline, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        if (status.State == FlowRunState.Succeeded)
            return status.FinishedAt > deadline ? new DueAlert(AlertKind.FlowLate, Reason.Of(ReasonCodes.AlertFlowFinishedLate, flow, date, shown, zone.Id)) : null;
        return now > deadline ? new DueAlert(AlertKind.FlowLate, Reason.Of(ReasonCodes.AlertFlowNotFinished, flow, date, shown, zone.Id, status.State.ToWire())) : null;
    }
}
