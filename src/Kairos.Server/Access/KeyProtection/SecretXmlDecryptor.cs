using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Access.KeyProtection;

/// <summary>
/// Reads what <see cref="SecretXmlEncryptor"/> wrote, with the current or an earlier secret. Data Protection creates
/// it by the type name stored beside the ciphertext, through this constructor.
/// </summary>
public sealed class SecretXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => Open(encryptedElement, services.GetRequiredService<SecretKeyRing>());

    internal static XElement Open(XElement encryptedElement, SecretKeyRing ring)
    {
        var id = encryptedElement.Attribute("keyId")?.Value ?? "";
        var key = ring.Find(id) ?? throw new CryptographicException(
            $"a session key in the store was encrypted with a secret (id {id}) that is neither {KeyProtectionOptions.Section}:Secret nor among its previous secrets");
        var bytes = Convert.FromBase64String(encryptedElement.Value);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var clear = new byte[bytes.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(key.Key, tagSize))
            aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize + tagSize), bytes.AsSpan(nonceSize, tagSize), clear, SecretXmlEncryptor.AssociatedData(key.Id));
        return XElement.Parse(Encoding.UTF8.GetString(clear));
    }

    /// <summary>Which secret encrypted this element, for re-encryption after a rotation.</summary>
    internal static string? KeyIdOf(XElement encryptedElement) => encryptedElement.Attribute("keyId")?.Value;
}
