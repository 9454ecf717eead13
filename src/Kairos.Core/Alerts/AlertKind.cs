namespace Kairos.Core.Alerts;

/// <summary>Why an operator is told about a run.</summary>
/// <remarks><see cref="FlowLate"/> is about a flow run (a flow on one business date), recorded against its first root run.</remarks>
public enum AlertKind { Failed, LateStart, LateFinish, LongRunning, DependencyTimeout, FlowLate }

public static class AlertKinds
{
    /// <summary>The wire name: <c>failed</c>, <c>late-start</c>, <c>late-finish</c>, <c>long-running</c>, <c>dependency-timeout</c>, <c>flow-late</c>.</summary>
    public static string ToWire(this AlertKind kind) => kind switch
    {
        AlertKind.LateStart => "late-start",
        AlertKind.LateFinish => "late-finish",
        AlertKind.LongRunning => "long-running",
        AlertKind.DependencyTimeout => "dependency-timeout",
        AlertKind.FlowLate => "flow-late",
        _ => "failed",
    };

    public static bool TryParse(string? text, out AlertKind kind)
    {
        foreach (var k in Enum.GetValues<AlertKind>())
        {
            if (string.Equals(k.ToWire(), text, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }
}
