using Microsoft.AspNetCore.Identity;

namespace Kairos.Server.Access;

/// <summary>The framework's password hasher (PBKDF2 with a per-password salt); passwords are never stored.</summary>
public static class Passwords
{
    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string userName, string password) => Hasher.HashPassword(userName, password);

    public static bool Verify(string userName, string hash, string password) =>
        Hasher.VerifyHashedPassword(userName, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>A hash to verify against when the user does not exist, so that a wrong name costs as long as a wrong password.</summary>
    public static readonly string Decoy = Hash("decoy", Guid.NewGuid().ToString());

    /// <summary>Why a password is refused, or null when it is acceptable.</summary>
    public static string? Weakness(string? password, int minimumLength) =>
        string.IsNullOrEmpty(password) ? ApiText.Get("Access.PasswordEmpty")
        : password.Length < minimumLength ? ApiText.Get("Access.PasswordShort", minimumLength)
        : password.Distinct().Count() < 4 ? ApiText.Get("Access.PasswordPlain")
        : null;
}
