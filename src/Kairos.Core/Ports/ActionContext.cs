using System.Globalization;
using Kairos.Core.Jobs;
using Kairos.Core.Runs;
using Kairos.Core.Triggers;

namespace Kairos.Core.Ports;

/// <summary>
/// Everything an attempt needs: the run (with its business date), the job, where its output goes, and for an
/// event-triggered run the message that triggered it.
/// </summary>
public sealed record ActionContext(Run Run, Job Job, IRunOutput Output, TriggerMessage? Message = null)
{
    /// <summary>The variables every action sees, and that templates expand (<c>{{businessDate}}</c>).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; } = WithMessage(Message, new Dictionary<string, string>
    {
        ["runId"] = Run.Id.ToString(CultureInfo.InvariantCulture),
        ["jobId"] = Run.JobId,
        ["slotTime"] = Run.SlotTime?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "",
        ["businessDate"] = BusinessDates.ToText(Run.BusinessDate) ?? "",
        ["attempt"] = Run.Attempt.ToString(CultureInfo.InvariantCulture),
        ["trigger"] = Run.Trigger.ToString().ToLowerInvariant(),
    });

    /// <summary>Replaces <c>{{name}}</c> with the variable's value; unknown names are left as written.</summary>
    public string Expand(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var (name, value) in Variables) template = template.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        return template;
    }

    private static Dictionary<string, string> WithMessage(TriggerMessage? message, Dictionary<string, string> variables)
    {
        if (message is not null) foreach (var (name, value) in message.Variables()) variables[name] = value;
        return variables;
    }
}
