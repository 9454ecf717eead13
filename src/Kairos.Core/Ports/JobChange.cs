namespace Kairos.Core.Ports;

/// <summary>
/// Who changes a job's definition and why, kept with the version the change makes: a user's name, or
/// <c>file:&lt;path&gt;</c> when the job folder changed.
/// </summary>
public sealed record JobChange(string Actor, string? Reason = null);
