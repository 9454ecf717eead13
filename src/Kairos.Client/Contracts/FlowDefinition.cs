namespace Kairos.Client.Contracts;

/// <summary>
/// A flow file: steps (jobs) that run as one DAG for one business date per flow run. The steps that wait for no other
/// step (the roots) run on the flow's schedule; every other step runs as soon as its <c>after</c> holds for that date.
/// See docs/flows.md.
/// </summary>
public sealed class FlowDefinition
{
    /// <summary>The flow's name: letters, digits, '.', '_' and '-'.</summary>
    public string? Flow { get; set; }

    /// <summary>What the flow is for, in words.</summary>
    public string? Description { get; set; }

    /// <summary>The team or person responsible; a step without an owner of its own takes this one.</summary>
    public string? Owner { get; set; }

    /// <summary>When a flow run begins: the slots of this schedule start the root steps. Without one, the roots run when triggered.</summary>
    public ScheduleDefinition? Schedule { get; set; }

    /// <summary><c>stop</c> (default): once a step fails, no step of that flow run starts; <c>continue</c>: branches that do not depend on the failed step go on.</summary>
    public string? OnFailure { get; set; }

    /// <summary>When the whole flow run must have finished: a duration from its slot (<c>6h</c>) or a time in the schedule's zone (<c>07:00</c>); later sends a flow-late alert.</summary>
    public string? FinishBy { get; set; }

    /// <summary>The steps, each a job definition without a schedule of its own.</summary>
    public List<JobDefinition>? Steps { get; set; }
}

/// <summary>
/// Which flow a job is a step of, and that flow's policies. Written by the flow file's loader into each step, so every
/// node reads the flow from the jobs in the store; a job file cannot set it.
/// </summary>
public sealed class FlowPartDefinition
{
    /// <summary>The flow's name.</summary>
    public string? Name { get; set; }

    /// <summary>The flow's description.</summary>
    public string? Description { get; set; }

    /// <summary><c>stop</c> or <c>continue</c>, as in the flow file.</summary>
    public string? OnFailure { get; set; }

    /// <summary>The flow's <c>finishBy</c>, as in the flow file.</summary>
    public string? FinishBy { get; set; }

    /// <summary>The step's place in the flow file (0 first): the order the steps are shown in.</summary>
    public int? Order { get; set; }
}
