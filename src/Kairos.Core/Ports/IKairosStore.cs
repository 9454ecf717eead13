namespace Kairos.Core.Ports;

/// <summary>The one store every part of Kairos shares; each role is a small interface.</summary>
public interface IKairosStore : IAsyncDisposable
{
    IJobStore Jobs { get; }

    IRunStore Runs { get; }

    IRunLogStore Logs { get; }

    IAuditStore Audit { get; }

    ICalendarStore Calendars { get; }

    ICalendarDefinitionStore CalendarDefinitions { get; }

    IUserStore Users { get; }

    IApprovalStore Approvals { get; }

    IAlertStore Alerts { get; }

    IInboxStore Inbox { get; }

    ILatestValueStore LatestValues { get; }

    INodeStore Nodes { get; }

    IConditionStore Conditions { get; }

    /// <summary>Applies pending schema migrations in order, each in its own transaction.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);
}
