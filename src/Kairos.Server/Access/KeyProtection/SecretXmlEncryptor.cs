using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Kairos.Server.Access.KeyProtection;

/// <summary>
/// Encrypts a Data Protection key's secret part with AES-256-GCM under the operator's secret before the key is
/// stored. The id of the secret travels with the ciphertext, and is also authenticated with it.
/// </summary>
public sealed class SecretXmlEncryptor(SecretKeyRing ring) : IXmlEncryptor
{
    public static readonly XNamespace Namespace = "urn:kairos:key-protection";
    public static readonly XName Element = Namespace + "encryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(Seal(plaintextElement, ring.Current), typeof(SecretXmlDecryptor));

    internal static XElement Seal(XElement plaintext, KeyEncryptionKey key)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var sealedBytes = new byte[clear.Length];
        using (var aes = new AesGcm(key.Key, tag.Length)) aes.Encrypt(nonce, clear, sealedBytes, tag, AssociatedData(key.Id));
        return new XElement(Element, new XAttribute("keyId", key.Id), new XAttribute("algorithm", "AES-256-GCM"),
            Convert.ToBase64String([.. nonce, .. tag, .. sealedBytes]));
    }

    internal static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes("kairos-key:" + keyId);
}
