namespace Kairos.Client.Contracts;

/// <summary>Sign in to the console with a password; the answer sets the session cookie.</summary>
/// <param name="User">User name.</param>
/// <param name="Password">Password.</param>
public sealed record SignInRequest(string? User, string? Password);

/// <summary>
/// Create an API token. Signed in: for yourself. Not signed in: give your user name and password (what
/// <c>kairos login</c> does).
/// </summary>
/// <param name="User">User name, when not signed in.</param>
/// <param name="Password">Password, when not signed in.</param>
/// <param name="Label">What the token is for, shown in listings.</param>
/// <param name="ExpiresInDays">
/// Days until it expires: 90 (or the server's maximum, if lower) when left out. The server refuses more than its
/// maximum, and 0 (never) unless the caller is an admin and the server allows it.
/// </param>
public sealed record TokenRequest(string? User = null, string? Password = null, string? Label = null, int? ExpiresInDays = null);

/// <summary>A new token: <paramref name="Token"/> is shown this once and never again.</summary>
/// <param name="Id">Token id, to revoke it.</param>
/// <param name="Token">The secret to send as <c>Authorization: Bearer</c>.</param>
/// <param name="User">The user it acts as.</param>
/// <param name="Label">What it is for.</param>
/// <param name="ExpiresAt">When it stops working; null never.</param>
public sealed record TokenCreatedDto(long Id, string Token, string User, string Label, DateTimeOffset? ExpiresAt);

/// <summary>A token as listed: never its secret.</summary>
/// <param name="Id">Token id.</param>
/// <param name="User">The user it acts as.</param>
/// <param name="Label">What it is for.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiresAt">When it stops working; null never.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record TokenDto(long Id, string User, string Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>The caller.</summary>
/// <param name="Name">User name.</param>
/// <param name="Role">viewer, operator or admin.</param>
/// <param name="Owners">The job owners this user may act on; empty means every job.</param>
/// <param name="Via">How they signed in: session or token.</param>
/// <param name="CsrfToken">For a console session, the token to send as X-CSRF-Token with every write.</param>
public sealed record MeDto(string Name, string Role, IReadOnlyList<string> Owners, string Via, string? CsrfToken);

/// <summary>A user as listed: never the password hash.</summary>
/// <param name="Name">User name.</param>
/// <param name="Role">viewer, operator or admin.</param>
/// <param name="Owners">Owner scope; empty means every job.</param>
/// <param name="Disabled">Whether sign-in and the user's tokens are refused.</param>
/// <param name="CreatedAt">When the user was added.</param>
/// <param name="ChangedAt">When the user last changed.</param>
/// <param name="LockedUntil">Until when sign-in is refused after too many wrong passwords; null when not locked.</param>
public sealed record UserDto(string Name, string Role, IReadOnlyList<string> Owners, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, DateTimeOffset? LockedUntil = null);

/// <summary>Add a user.</summary>
/// <param name="Name">User name: letters, digits, . _ @ -.</param>
/// <param name="Role">viewer, operator or admin.</param>
/// <param name="Password">At least 12 characters.</param>
/// <param name="Owners">Owner scope; leave out for every job.</param>
public sealed record NewUserRequest(string? Name, string? Role, string? Password, IReadOnlyList<string>? Owners = null);

/// <summary>Change what is given; leave the rest out.</summary>
/// <param name="Role">New role.</param>
/// <param name="Owners">New owner scope; empty for every job.</param>
/// <param name="Disabled">Disable or enable.</param>
/// <param name="Password">New password: ends the user's sessions and revokes their tokens.</param>
/// <param name="Unlock">True lifts a lock left by too many wrong passwords.</param>
public sealed record UserChangeRequest(string? Role = null, IReadOnlyList<string>? Owners = null, bool? Disabled = null, string? Password = null, bool? Unlock = null);

/// <summary>Change your own password. It ends every session of yours and revokes every token of yours, this one included.</summary>
/// <param name="CurrentPassword">The password now in use.</param>
/// <param name="NewPassword">The new password: at least 12 characters.</param>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
