using Kairos.Core.Dependencies;

namespace Kairos.Core.Flows;

/// <summary>
/// Which flow a job is a step of, with the flow's policies. Every step carries the same copy (the flow file's loader
/// writes it), so any node rebuilds the flow from the jobs it reads from the store.
/// </summary>
/// <param name="FinishBy">When the whole flow run must have finished: from its slot, or a wall time in the flow's zone.</param>
/// <param name="Order">The step's place in the flow file, the order steps are listed in.</param>
public sealed record FlowPart(string Name, FlowFailurePolicy OnFailure, WaitLimit? FinishBy = null, string? Description = null, int Order = 0);
