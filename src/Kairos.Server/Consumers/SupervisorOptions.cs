namespace Kairos.Server.Consumers;

/// <summary>The local supervisor's settings, under <c>Kairos:Supervisor</c>.</summary>
public sealed class SupervisorOptions
{
    /// <summary>How often each consumer's lag is read and its workers matched to the scaling rule. KEDA polls every 30 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
