namespace Kairos.Client.Contracts;

/// <summary>An external condition set for a business date, which steps with it in their <c>after</c> wait for.</summary>
/// <param name="Name">Such as <c>core-eod-file</c>.</param>
/// <param name="BusinessDate">yyyy-MM-dd.</param>
/// <param name="SetAt">When it was set, UTC.</param>
/// <param name="SetBy">Who set it: a user, a service's token, or <c>message:TOPIC</c>.</param>
/// <param name="Reason">Why, as its setter said.</param>
/// <param name="Created">In answer to a set: false when the condition was already set (the first setting is kept).</param>
public sealed record ConditionDto(string Name, string BusinessDate, DateTimeOffset SetAt, string SetBy, string? Reason, bool? Created = null);
