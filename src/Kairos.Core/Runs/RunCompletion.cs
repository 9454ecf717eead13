namespace Kairos.Core.Runs;

/// <summary>
/// How one attempt ended. With <paramref name="RetryAt"/> the run goes back to queued for another attempt;
/// otherwise <paramref name="State"/> is final. <paramref name="StartedAt"/> is when the action actually began, when it did.
/// </summary>
public sealed record RunCompletion(
    long RunId,
    int Attempt,
    RunState State,
    DateTimeOffset FinishedAt,
    string? Detail = null,
    int? ExitCode = null,
    int? HttpStatus = null,
    DateTimeOffset? RetryAt = null,
    DateTimeOffset? StartedAt = null);
