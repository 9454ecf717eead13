using System.Security.Cryptography;
using System.Text;

namespace Kairos.Server.Access.KeyProtection;

/// <summary>
/// A 256-bit AES key derived from an operator's secret, and a short id that names which secret encrypted a stored
/// key (so a rotated secret can still read, and re-encrypt, what the previous one wrote) without revealing it.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int MinimumSecretLength = 32;

    private static readonly byte[] KeyInfo = Encoding.UTF8.GetBytes("Kairos data protection key encryption v1");
    private static readonly byte[] IdInfo = Encoding.UTF8.GetBytes("Kairos data protection key id v1");

    private KeyEncryptionKey(byte[] key, string id)
    {
        Key = key;
        Id = id;
    }

    public byte[] Key { get; }

    public string Id { get; }

    /// <summary>The key derived from <paramref name="secret"/>; null when the secret is too short to be one.</summary>
    public static KeyEncryptionKey? FromSecret(string secret)
    {
        var trimmed = secret.Trim();
        if (trimmed.Length < MinimumSecretLength) return null;
        var material = Encoding.UTF8.GetBytes(trimmed);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: KeyInfo);
        var id = Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 8, salt: [], info: IdInfo));
        return new KeyEncryptionKey(key, id);
    }
}
