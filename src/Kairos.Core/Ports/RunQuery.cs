using Kairos.Core.Runs;

namespace Kairos.Core.Ports;

/// <summary>
/// A page of runs, newest first. <paramref name="BeforeId"/> continues from an earlier page; <paramref name="JobIds"/>,
/// when given, keeps only those jobs' runs (a caller who may read only some jobs pages through only theirs).
/// </summary>
public sealed record RunQuery(string? JobId = null, RunState? State = null, long? BeforeId = null, int Limit = 50, IReadOnlyList<string>? JobIds = null);
