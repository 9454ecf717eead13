namespace Kairos.Client.Contracts;

/// <summary>Jobs by business date: what each job did on each of the latest business dates, newest last.</summary>
/// <param name="Dates">The business dates shown (yyyy-MM-dd), oldest first: the latest ones any shown job has runs for.</param>
/// <param name="Jobs">One row per job the caller may read, in id order, including jobs with no run in the range.</param>
public sealed record DateGridDto(List<string> Dates, List<DateGridRowDto> Jobs);

/// <param name="JobId">The job.</param>
/// <param name="Cells">Only the dates the job has runs for; a date missing here had none.</param>
public sealed record DateGridRowDto(string JobId, List<DateGridCellDto> Cells);

/// <param name="BusinessDate">yyyy-MM-dd.</param>
/// <param name="RunId">The date's latest run: a rerun replaces what came before it.</param>
/// <param name="State">That run's state.</param>
/// <param name="Runs">How many runs the date had.</param>
/// <param name="Failed">How many of them failed, timed out or were killed.</param>
public sealed record DateGridCellDto(string BusinessDate, long RunId, string State, int Runs, int Failed);
