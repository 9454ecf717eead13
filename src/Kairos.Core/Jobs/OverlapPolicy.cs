namespace Kairos.Core.Jobs;

/// <summary>What happens when a slot is due while the job's previous run is still running.</summary>
public enum OverlapPolicy
{
    /// <summary>The new slot is skipped with reason overlap.</summary>
    Forbid,
    /// <summary>Both run.</summary>
    Allow,
    /// <summary>The running run is killed and the new one starts.</summary>
    Replace,
}
