using Kairos.Core.Runs;

namespace Kairos.Core.Ports;

/// <summary>A page of runs, newest first. <paramref name="BeforeId"/> continues from an earlier page.</summary>
public sealed record RunQuery(string? JobId = null, RunState? State = null, long? BeforeId = null, int Limit = 50);
