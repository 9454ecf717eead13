namespace Kairos.Core.Slots;

/// <summary>
/// How many runs a calendar change takes away, adds and moves, per job and in total. Every slot change is counted
/// exactly once: a move counts its two halves as one move, so Disappear + Appear + 2 × Move is the number of slot changes.
/// </summary>
public sealed record ImpactSummary(IReadOnlyList<JobImpact> Jobs)
{
    public int Disappear => Jobs.Sum(j => j.Disappear);

    public int Appear => Jobs.Sum(j => j.Appear);

    public int Move => Jobs.Sum(j => j.Move);

    public int SlotChanges => Disappear + Appear + 2 * Move;

    public static ImpactSummary Of(IEnumerable<SlotChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new(changes.GroupBy(c => c.JobId, StringComparer.Ordinal)
            .Select(g => new JobImpact(g.Key, g.Count(c => !c.Appears && !c.IsMove), g.Count(c => c.Appears && !c.IsMove), g.Count(c => c.Appears && c.IsMove)))
            .OrderBy(j => j.JobId, StringComparer.Ordinal)
            .ToList());
    }
}

/// <summary>One job's share of an <see cref="ImpactSummary"/>: runs that disappear, appear, and move to another time.</summary>
public sealed record JobImpact(string JobId, int Disappear, int Appear, int Move);
