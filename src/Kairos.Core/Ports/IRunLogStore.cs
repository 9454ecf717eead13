namespace Kairos.Core.Ports;

public interface IRunLogStore
{
    Task AppendAsync(IReadOnlyList<LogLine> lines, CancellationToken cancellationToken = default);

    /// <summary>Lines with a sequence number above <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<LogLine>> ReadAsync(long runId, long afterSeq, int limit, CancellationToken cancellationToken = default);
}
