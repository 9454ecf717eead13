namespace Kairos.Core.Flows;

/// <summary>
/// What a flow run does once one of its steps fails for the business date. Either way the failed step's downstream
/// steps do not start (they wait for its success, which a rerun can still bring).
/// </summary>
public enum FlowFailurePolicy
{
    /// <summary>No step of that flow run starts any more, independent branches included, until the failed step is rerun and succeeds.</summary>
    Stop,

    /// <summary>Branches that do not depend on the failed step go on.</summary>
    Continue,
}
