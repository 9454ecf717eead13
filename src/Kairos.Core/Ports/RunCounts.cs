using Kairos.Core.Runs;

namespace Kairos.Core.Ports;

/// <summary>Unfinished runs by state across the store, and the queue: runs due now that have not started.</summary>
public sealed record RunCounts(IReadOnlyDictionary<RunState, int> ByState, int QueueDepth);
