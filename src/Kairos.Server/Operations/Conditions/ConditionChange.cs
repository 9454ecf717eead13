using Kairos.Core.Access;
using Kairos.Core.Dependencies;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Server.Operations.Conditions;

/// <summary>
/// Set or remove an external condition for a business date: an operator's, or a service's with an operator token,
/// with a reason, audited. Setting releases the steps waiting for it on their next dependency pass; removing one does
/// not call back steps it already released.
/// </summary>
internal sealed class ConditionChange(IKairosStore store, OperationAudit audit, TimeProvider clock)
{
    public async Task<Outcome<ConditionRecord>> SetAsync(Actor actor, string name, string date, string? reason, CancellationToken ct)
    {
        if (Refusal.RoleNeeded(actor, Role.Operator) is { } role) return role;
        if (Check(name, date, out var day) is { } invalid) return invalid;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        var condition = new ConditionRecord(name, day, clock.GetUtcNow(), actor.Name, reason!.Trim());
        if (!await store.Conditions.SetAsync(condition, ct))
        {
            var existing = (await store.Conditions.ListAsync(day, day, ct)).FirstOrDefault(c => c.Name == name);
            return Outcome<ConditionRecord>.Done(existing ?? condition, "already set");
        }
        await audit.RecordAsync(actor, "condition.set", Target(name, day), condition.Reason, before: "not set", after: "set");
        return Outcome<ConditionRecord>.Done(condition, "set");
    }

    public async Task<Outcome<bool>> RemoveAsync(Actor actor, string name, string date, string? reason, CancellationToken ct)
    {
        if (Refusal.RoleNeeded(actor, Role.Operator) is { } role) return role;
        if (Check(name, date, out var day) is { } invalid) return invalid;
        if (Refusal.ReasonMissing(reason) is { } missing) return missing;
        if (!await store.Conditions.RemoveAsync(name, day, ct)) return Refusal.NotFound(ApiText.Get("Condition.NotSet", name, date));
        await audit.RecordAsync(actor, "condition.remove", Target(name, day), reason!.Trim(), before: "set", after: "not set");
        return Outcome<bool>.Done(true, "removed");
    }

    public static Refusal? Check(string name, string date, out DateOnly day)
    {
        day = default;
        if (!ConditionName.IsValid(name)) return Refusal.Invalid("name", ApiText.Get("Condition.NameInvalid", name));
        if (!BusinessDates.TryParse(date, out day)) return Refusal.Invalid("date", ApiText.Get("Condition.DateInvalid", date));
        return null;
    }

    private static string Target(string name, DateOnly day) => $"condition:{name}@{BusinessDates.ToText(day)}";
}
