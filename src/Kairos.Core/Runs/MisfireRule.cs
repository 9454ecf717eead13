using Kairos.Core.Jobs;

namespace Kairos.Core.Runs;

/// <summary>What a claim needs to judge slots claimed late: each job's misfire policy and how late counts as missed.</summary>
public sealed record MisfireRule(Func<string, MisfirePolicy?> PolicyOf, TimeSpan Threshold);
