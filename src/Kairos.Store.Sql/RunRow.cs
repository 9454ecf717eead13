using System.Globalization;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

/// <summary>The runs table as Dapper reads it.</summary>
internal class RunRow
{
    public const string Columns =
        "id, job_id, slot_time, trigger_kind, business_date, state, attempt, due_at, created_at, started_at, finished_at, " +
        "skip_reason, detail, exit_code, http_status, node, lease_until, rerun_of, requested_by, kill_requested, ready_at";

#pragma warning disable IDE1006 // column names
    public long id { get; set; }
    public string job_id { get; set; } = "";
    public long? slot_time { get; set; }
    public string trigger_kind { get; set; } = "";
    public string? business_date { get; set; }
    public string state { get; set; } = "";
    public long attempt { get; set; }
    public long due_at { get; set; }
    public long created_at { get; set; }
    public long? started_at { get; set; }
    public long? finished_at { get; set; }
    public string? skip_reason { get; set; }
    public string? detail { get; set; }
    public long? exit_code { get; set; }
    public long? http_status { get; set; }
    public string? node { get; set; }
    public long? lease_until { get; set; }
    public long? rerun_of { get; set; }
    public string? requested_by { get; set; }
    public long kill_requested { get; set; }

    // When dependencies released the run (null when it never waited): lateness counts from here, not from its slot.
    public long? ready_at { get; set; }
#pragma warning restore IDE1006

    public Run ToRun() => new(
        id, job_id, UnixTime.FromMs(slot_time), Enum.Parse<TriggerKind>(trigger_kind, ignoreCase: true),
        business_date is null ? null : BusinessDates.Parse(business_date),
        RunStates.FromWire(state), (int)attempt, UnixTime.FromMs(due_at), UnixTime.FromMs(created_at),
        UnixTime.FromMs(started_at), UnixTime.FromMs(finished_at),
        skip_reason is null ? null : SkipReasons.FromWire(skip_reason), detail,
        (int?)exit_code, (int?)http_status, node, UnixTime.FromMs(lease_until), rerun_of, requested_by, kill_requested != 0);

    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

}
