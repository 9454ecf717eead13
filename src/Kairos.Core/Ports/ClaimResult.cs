using Kairos.Core.Runs;

namespace Kairos.Core.Ports;

/// <summary>What one claim did: runs this node now owns, runs it skipped, and running runs its new runs replace.</summary>
public sealed record ClaimResult(IReadOnlyList<Run> Started, IReadOnlyList<Run> Skipped, IReadOnlyList<long> ToReplace)
{
    public static readonly ClaimResult Empty = new([], [], []);
}
