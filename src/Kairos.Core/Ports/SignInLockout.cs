namespace Kairos.Core.Ports;

/// <summary>
/// <see cref="Failures"/> wrong passwords for one account within <see cref="Window"/> lock it for <see cref="LockFor"/>.
/// Zero failures turns the lockout off.
/// </summary>
public sealed record SignInLockout(int Failures, TimeSpan Window, TimeSpan LockFor);
