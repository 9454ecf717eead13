namespace Kairos.Core.Jobs;

/// <summary>A topic whose matching messages each start a run, as written.</summary>
public sealed record TriggerSpec(string? Topic = null, string? Key = null, IReadOnlyDictionary<string, string>? Headers = null);
