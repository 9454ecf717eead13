namespace Kairos.Scheduling;

/// <summary>
/// Which jobs' runs a node claims ahead of their time: the live nodes split the jobs by a stable hash of the job id, so
/// a node that dies holds only its share of the next runs (and those for at most the claim time). Runs already due are
/// anyone's, so a dead node's share is claimed on time by the others.
/// </summary>
internal sealed class ClaimShare(string self)
{
    private volatile string[] _live = [self];

    public void Update(IEnumerable<string> liveNodes)
    {
        var live = liveNodes.Append(self).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _live = live;
    }

    public bool ClaimsAhead(string jobId)
    {
        var live = _live;
        return live.Length <= 1 || live[(int)(StableHash(jobId) % (uint)live.Length)] == self;
    }

    // FNV-1a: the same on every node and every run (string.GetHashCode is randomized per process).
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
