using Kairos.Core.Reasons;

namespace Kairos.Core.Dependencies;

/// <summary>Where a waiting run stands: it may start, it still waits, or it waited past its <c>waitUntil</c>.</summary>
public enum DependencyStatus { Ready, Waiting, TimedOut }

/// <summary>One dependency as judged for one run: the business date that counted, whether it holds, and why (for explain).</summary>
public sealed record DependencyLine(Dependency Dependency, DateOnly Date, bool Met, Reason Why);

/// <summary>A run's dependencies judged together: each line, and the reason it waits (the first that does not hold).</summary>
public sealed record DependencyVerdict(DependencyStatus Status, IReadOnlyList<DependencyLine> Lines, Reason? Why = null);
