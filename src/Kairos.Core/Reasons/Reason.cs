namespace Kairos.Core.Reasons;

/// <summary>
/// Why something happened, as a code and its arguments. The planner, the calendars' answers and the claim rules say
/// why in this form and never in a language: the edges (API, console, CLI) turn it into the reader's language. It is
/// stored with the run (<see cref="StoredReason"/>), so a past slot's reason reads in Korean or English alike.
/// </summary>
public sealed record Reason(string Code, IReadOnlyList<ReasonArg> Args)
{
    public static Reason Of(string code, params ReasonArg[] args) => new(code, args);

    public bool Equals(Reason? other) => other is not null && Code == other.Code && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => Args.Aggregate(Code.GetHashCode(StringComparison.Ordinal), HashCode.Combine);

    public override string ToString() => StoredReason.Write(this);
}

/// <summary>One argument of a reason: a value the same in every language (a date, an id, a number), a name in each language, or a reason within.</summary>
public abstract record ReasonArg
{
    public static implicit operator ReasonArg(string value) => new ValueArg(value);

    public static implicit operator ReasonArg(Reason reason) => new NestedArg(reason);
}

/// <summary>A date, time, id or number: shown as it is in every language.</summary>
public sealed record ValueArg(string Value) : ReasonArg;

/// <summary>A name that has a form in each language, such as a holiday's or a weekday's.</summary>
public sealed record NameArg(string English, string Korean) : ReasonArg;

/// <summary>A reason given as part of another ("not a business day" inside "moved to the next business day").</summary>
public sealed record NestedArg(Reason Reason) : ReasonArg;
