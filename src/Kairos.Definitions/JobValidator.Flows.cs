using Kairos.Client.Contracts;
using Kairos.Core.Flows;

namespace Kairos.Definitions;

// The flow a job is a step of, as the flow file's loader wrote it. Whether a job file may set it is JobFolder's
// question (it may not); here only its values are checked, so a step read back from the store parses like any job.
public sealed partial class JobValidator
{
    private static FlowPart? ValidateFlowPart(FlowPartDefinition? f, Action<string, string> error)
    {
        if (f is null) return null;
        if (string.IsNullOrWhiteSpace(f.Name)) error("flow.name", DefinitionText.Get("required"));
        else if (!IdPattern().IsMatch(f.Name)) error("flow.name", DefinitionText.Get("id.pattern", f.Name));
        var onFailure = ParseChoice(f.OnFailure, "flow.onFailure", FlowFailurePolicy.Stop, error);
        var finishBy = f.FinishBy is null ? null : ParseWaitLimit(f.FinishBy, "flow.finishBy", error);
        CheckText(f.Description, "flow.description", JobLimits.DescriptionLength, error);
        if (f.Order is < 0 or > JobLimits.FlowSteps) error("flow.order", DefinitionText.Get("flow.order", JobLimits.FlowSteps));
        return f.Name is null ? null : new FlowPart(f.Name, onFailure, finishBy, f.Description, f.Order ?? 0);
    }
}
