namespace Kairos.Core.Jobs;

/// <summary>What a run does.</summary>
public abstract record JobAction;

/// <summary>Starts a process from an argument vector; a shell only when <paramref name="UseShell"/> asks for one.</summary>
public sealed record CommandAction(
    IReadOnlyList<string> Argv,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    bool UseShell = false,
    TimeSpan? KillGracePeriod = null) : JobAction;

/// <summary>Calls an online service; success is one of <paramref name="SuccessStatusCodes"/> (any 2xx when empty).</summary>
public sealed record HttpAction(
    string Method,
    Uri Url,
    IReadOnlyDictionary<string, string> Headers,
    string? BodyTemplate,
    IReadOnlyList<int> SuccessStatusCodes) : JobAction
{
    public bool IsSuccess(int status) => SuccessStatusCodes.Count == 0 ? status is >= 200 and < 300 : SuccessStatusCodes.Contains(status);
}

/// <summary>Does nothing and succeeds; used to measure the scheduler itself.</summary>
public sealed record NoopAction : JobAction;

/// <summary>
/// Sets the external condition <paramref name="Name"/> for the run's business date, so the steps waiting for it start:
/// with an event trigger, a Kafka message (a core-banking "EOD file arrived") sets a condition. Setting is idempotent
/// (the first setting is kept), so a repeated run changes nothing.
/// </summary>
public sealed record SetConditionAction(string Name) : JobAction;
