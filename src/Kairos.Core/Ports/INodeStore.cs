namespace Kairos.Core.Ports;

/// <summary>Scheduler nodes and when each last said it was alive.</summary>
public interface INodeStore
{
    /// <summary>Records that <paramref name="node"/> is alive at <paramref name="now"/> (and when it started, the first time).</summary>
    Task HeartbeatAsync(string node, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken = default);
}

public sealed record NodeRecord(string Id, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt);
