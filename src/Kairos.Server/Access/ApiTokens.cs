using System.Security.Cryptography;
using System.Text;

namespace Kairos.Server.Access;

/// <summary>
/// API tokens are 32 random bytes, shown once; the store keeps only their SHA-256, so reading the database does
/// not give access. The prefix makes a leaked token easy to recognise in logs and secret scanners.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "kairos_";

    public static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
