using Kairos.Core.Runs;

namespace Kairos.Core.Ports;

/// <summary>
/// What one claim did: runs this node now holds (to start at their <see cref="Run.StartedAt"/>), runs it skipped, running runs its new runs replace, and how many due
/// runs it left waiting behind a running run of their job.
/// </summary>
public sealed record ClaimResult(IReadOnlyList<Run> Claimed, IReadOnlyList<Run> Skipped, IReadOnlyList<long> ToReplace, int Waiting = 0)
{
    public static readonly ClaimResult Empty = new([], [], []);
}
