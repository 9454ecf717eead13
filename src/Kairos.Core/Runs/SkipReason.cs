namespace Kairos.Core.Runs;

/// <summary>Why a slot did not run.</summary>
public enum SkipReason { Held, NotBusinessDay, Moved, Overlap, Missed, Operator }

public static class SkipReasons
{
    public static string ToWire(this SkipReason reason) => reason switch
    {
        SkipReason.NotBusinessDay => "not-business-day",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public static SkipReason FromWire(string text) => text switch
    {
        "not-business-day" => SkipReason.NotBusinessDay,
        _ => Enum.Parse<SkipReason>(text, ignoreCase: true),
    };
}
