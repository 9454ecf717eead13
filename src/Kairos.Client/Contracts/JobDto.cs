namespace Kairos.Client.Contracts;

/// <summary>A job as the API shows it: definition, where it came from, and its operational state.</summary>
/// <param name="Id">Job id.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Owner">Responsible team.</param>
/// <param name="Tags">Labels.</param>
/// <param name="Schedule">When it runs, in words and in the request's language, such as "0 9 * * * (Asia/Seoul), business days of WEEKDAYS" or "on each message from fx.errors"; null when it runs only when triggered by hand.</param>
/// <param name="Action">command, http, kafkaPublish or noop.</param>
/// <param name="Held">True while slots are skipped.</param>
/// <param name="HeldBy">Who held it.</param>
/// <param name="HeldReason">Why.</param>
/// <param name="Source">A file and line, or "api".</param>
/// <param name="UpdatedAt">Last change of definition or state.</param>
/// <param name="Definition">The definition as written.</param>
public sealed record JobDto(
    string Id,
    string? Description,
    string? Owner,
    IReadOnlyList<string> Tags,
    string? Schedule,
    string Action,
    bool Held,
    string? HeldBy,
    string? HeldReason,
    string Source,
    DateTimeOffset UpdatedAt,
    JobDefinition Definition);
