using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

/// <summary>The store over any <see cref="SqlDialect"/>.</summary>
public class SqlKairosStore : IKairosStore
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _clock;

    public SqlKairosStore(SqlDialect dialect, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(clock);
        _dialect = dialect;
        _clock = clock;
        Jobs = new SqlJobStore(dialect, clock);
        Runs = new SqlRunStore(dialect);
        Logs = new SqlRunLogStore(dialect);
        Audit = new SqlAuditStore(dialect);
        Calendars = new SqlCalendarStore(dialect);
        CalendarDefinitions = new SqlCalendarDefinitionStore(dialect);
        Users = new SqlUserStore(dialect);
        Approvals = new SqlApprovalStore(dialect);
        Alerts = new SqlAlertStore(dialect);
        Inbox = new SqlInboxStore(dialect);
        LatestValues = new SqlLatestValueStore(dialect);
        Nodes = new SqlNodeStore(dialect);
        Conditions = new SqlConditionStore(dialect);
    }

    public IJobStore Jobs { get; }

    public IRunStore Runs { get; }

    public IRunLogStore Logs { get; }

    public IAuditStore Audit { get; }

    public ICalendarStore Calendars { get; }

    public ICalendarDefinitionStore CalendarDefinitions { get; }

    public IUserStore Users { get; }

    public IApprovalStore Approvals { get; }

    public IAlertStore Alerts { get; }

    public IInboxStore Inbox { get; }

    public ILatestValueStore LatestValues { get; }

    public INodeStore Nodes { get; }

    public IConditionStore Conditions { get; }

    public Task MigrateAsync(CancellationToken cancellationToken = default) => MigrationRunner.MigrateAsync(_dialect, _clock, cancellationToken);

    /// <summary>The highest migration version applied.</summary>
    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default) => MigrationRunner.CurrentVersionAsync(_dialect, cancellationToken);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _dialect is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
