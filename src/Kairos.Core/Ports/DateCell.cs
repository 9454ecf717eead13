using Kairos.Core.Runs;

namespace Kairos.Core.Ports;

/// <summary>
/// What one job did for one business date, for the grid of jobs by business date: its latest run (a rerun replaces
/// what came before it), how many runs the date had, and how many of them failed, timed out or were killed.
/// </summary>
public sealed record DateCell(string JobId, DateOnly BusinessDate, long LatestRunId, RunState LatestState, int Runs, int Failed);
