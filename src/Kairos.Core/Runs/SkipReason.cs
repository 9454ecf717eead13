namespace Kairos.Core.Runs;

/// <summary>Why a slot did not run.</summary>
/// <remarks><see cref="DependencyTimeout"/>: its dependencies did not hold by the job's <c>waitUntil</c>.</remarks>
public enum SkipReason { Held, NotBusinessDay, Moved, Overlap, Missed, Operator, DependencyTimeout }

public static class SkipReasons
{
    public static string ToWire(this SkipReason reason) => reason switch
    {
        SkipReason.NotBusinessDay => "not-business-day",
        SkipReason.DependencyTimeout => "dependency-timeout",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public static SkipReason FromWire(string text) => text switch
    {
        "not-business-day" => SkipReason.NotBusinessDay,
        "dependency-timeout" => SkipReason.DependencyTimeout,
        _ => Enum.Parse<SkipReason>(text, ignoreCase: true),
    };
}
