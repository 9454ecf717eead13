namespace Kairos.Client.Contracts;

/// <summary>An operator action's reason, recorded in the audit log.</summary>
public sealed record ActionRequest(string? Reason = null);

/// <summary>Run a job now.</summary>
/// <param name="BusinessDate">yyyy-MM-dd; default today's business date, by the job's calendar and business-date rule.</param>
/// <param name="Reason">Why, for the audit log; required.</param>
/// <param name="ConfirmClosedDay">Run even though the job's calendar closed <paramref name="BusinessDate"/> (refused otherwise, in field <c>confirmClosedDay</c>).</param>
public sealed record TriggerRequest(string? BusinessDate = null, string? Reason = null, bool ConfirmClosedDay = false);

/// <summary>The result of validating definitions: each problem with its field (and file and line for files).</summary>
public sealed record ValidationResultDto(bool Valid, IReadOnlyList<ValidationErrorDto> Errors);

/// <summary>One validation problem.</summary>
public sealed record ValidationErrorDto(string? File, int? Line, string Field, string Message);

/// <summary>A run created by trigger or rerun.</summary>
public sealed record RunCreatedDto(long RunId, string JobId, string? BusinessDate);
