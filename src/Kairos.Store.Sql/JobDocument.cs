namespace Kairos.Store.Sql;

// The stored layout of a job definition, owned by the store. The property names are the stored names (snake_case in
// format 2, camelCase in format 1), so renaming or reshaping a property here is a new format in JobDefinitionFormat,
// never a silent change to rows already written.

internal sealed class JobDocument
{
    public string Id { get; set; } = "";
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public List<string>? Tags { get; set; }
    public ScheduleDocument? Schedule { get; set; }
    public TriggerDocument? Trigger { get; set; }
    public ActionDocument? Action { get; set; }
    public string? Timeout { get; set; }
    public RetryDocument? Retries { get; set; }
    public string? Overlap { get; set; }
    public MisfireDocument? Misfire { get; set; }
    public SlaDocument? Sla { get; set; }
    public bool? Held { get; set; }

    // Added to format 2 without a new format number: both are optional and left out when empty, so rows written before
    // them read as "no after", and a job without after is written exactly as before. A row that has them is refused by
    // an older build (unknown member), which is right: it would otherwise run the job without waiting.
    public List<AfterDocument>? After { get; set; }
    public string? WaitUntil { get; set; }
    // A flow's step: absent on every other job, so those rows are written as before; an older build refuses a step's row
    // (unknown member) rather than run it outside its flow.
    public FlowPartDocument? Flow { get; set; }
}

internal sealed class FlowPartDocument
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? OnFailure { get; set; }
    public string? FinishBy { get; set; }
    public int? Order { get; set; }
}

internal sealed class AfterDocument
{
    public string? Job { get; set; }
    public string? Condition { get; set; }
    public string? State { get; set; }
    public string? BusinessDate { get; set; }
    public string? IfClosed { get; set; }
}

internal sealed class ScheduleDocument
{
    public string? Cron { get; set; }
    public string? TimeZone { get; set; }
    public string? Calendar { get; set; }
    public string? Days { get; set; }
    public int? N { get; set; }
    public string? OnHoliday { get; set; }
    public WindowDocument? Window { get; set; }
    public BusinessDateDocument? BusinessDate { get; set; }
}

internal sealed class BusinessDateDocument
{
    public string? NewDayAt { get; set; }
    public string? ClosedDays { get; set; }
}

internal sealed class WindowDocument
{
    public string? Start { get; set; }
    public string? End { get; set; }
}

internal sealed class TriggerDocument
{
    public string? Topic { get; set; }
    public string? Key { get; set; }
    public Dictionary<string, string>? Headers { get; set; }
}

internal sealed class ActionDocument
{
    public CommandDocument? Command { get; set; }
    public HttpDocument? Http { get; set; }
    public KafkaPublishDocument? KafkaPublish { get; set; }
    public bool? Noop { get; set; }
    public SetConditionDocument? SetCondition { get; set; }
}

internal sealed class SetConditionDocument
{
    public string? Name { get; set; }
}

internal sealed class CommandDocument
{
    public List<string>? Argv { get; set; }
    public string? WorkingDirectory { get; set; }
    public Dictionary<string, string>? Env { get; set; }
    public bool? Shell { get; set; }
    public string? KillGrace { get; set; }
}

internal sealed class HttpDocument
{
    public string? Method { get; set; }
    public string? Url { get; set; }
    public Dictionary<string, string>? Headers { get; set; }
    public string? Body { get; set; }
    public List<int>? SuccessStatus { get; set; }
}

internal sealed class KafkaPublishDocument
{
    public string? Topic { get; set; }
    public string? Partner { get; set; }
    public string? Template { get; set; }
    public List<string>? Over { get; set; }
    public List<Dictionary<string, string>>? Items { get; set; }
    public CommandDocument? FromCommand { get; set; }
    public string? Key { get; set; }
    public Dictionary<string, string>? Headers { get; set; }
}

internal sealed class RetryDocument
{
    public int? Count { get; set; }
    public string? Backoff { get; set; }
    public string? MaxBackoff { get; set; }
}

internal sealed class MisfireDocument
{
    public string? Policy { get; set; }
    public string? CatchupWindow { get; set; }
}

internal sealed class SlaDocument
{
    public string? StartWithin { get; set; }
    public string? FinishBy { get; set; }
    public string? MaxDuration { get; set; }
}
