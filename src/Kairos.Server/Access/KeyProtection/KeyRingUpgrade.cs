using System.Security.Cryptography;
using System.Xml.Linq;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Kairos.Server.Access.KeyProtection;

/// <summary>
/// Brings the stored keys up to the current protection at start, before anything reads them: keys stored in plain text
/// (by an earlier version) are encrypted in place, and keys encrypted with a previous secret are re-encrypted with the
/// current one, so nobody is signed out and the previous secret can be dropped once every node has started.
/// </summary>
internal sealed class KeyRingUpgrade(IServiceProvider services, string protection, ILogger<KeyRingUpgrade> logger) : IHostedService
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IKairosStore>();
        // The table may be new: hosted services start in order, but this one should not depend on it.
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var (encrypted, reencrypted, unreadable) = Run(store);
        logger.LogInformation("Kairos: {Protection}.", protection);
        if (encrypted + reencrypted > 0)
            logger.LogInformation("Encrypted {Encrypted} session key(s) an earlier version stored in plain text; re-encrypted {Reencrypted} with the current secret.", encrypted, reencrypted);
        if (unreadable > 0)
            logger.LogWarning("{Unreadable} stored session key(s) were encrypted with a secret that is not configured; the sessions they signed have ended.", unreadable);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private (int Encrypted, int Reencrypted, int Unreadable) Run(IKairosStore store)
    {
        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor;
        if (encryptor is null) return (0, 0, 0);
        var ring = services.GetService<SecretKeyRing>();
        int encrypted = 0, reencrypted = 0, unreadable = 0;
        foreach (var (name, xml) in store.Users.ProtectionKeysAsync().GetAwaiter().GetResult())
        {
            var root = XElement.Parse(xml);
            var changed = false;
            foreach (var plain in root.DescendantsAndSelf().Where(NeedsEncryption).ToList())
            {
                plain.ReplaceWith(Wrap(encryptor.Encrypt(plain)));
                (changed, encrypted) = (true, encrypted + 1);
            }
            if (ring is not null)
            {
                foreach (var old in root.Descendants(SecretXmlEncryptor.Element).Where(e => SecretXmlDecryptor.KeyIdOf(e) != ring.Current.Id).ToList())
                {
                    try
                    {
                        old.ReplaceWith(SecretXmlEncryptor.Seal(SecretXmlDecryptor.Open(old, ring), ring.Current));
                        (changed, reencrypted) = (true, reencrypted + 1);
                    }
                    catch (CryptographicException)
                    {
                        // Encrypted with a secret nobody gave us: Data Protection skips that key and makes a new one.
                        unreadable++;
                    }
                }
            }
            if (changed) store.Users.SaveProtectionKeyAsync(name, root.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
        }
        return (encrypted, reencrypted, unreadable);
    }

    private static bool NeedsEncryption(XElement element) =>
        (bool?)element.Attribute(DataProtection + "requiresEncryption") == true && !element.Ancestors(DataProtection + "encryptedSecret").Any();

    // The shape Data Protection itself writes around an encrypted element, so it decrypts it when it reads the key.
    private static XElement Wrap(EncryptedXmlInfo info) =>
        new(DataProtection + "encryptedSecret", new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
}
