using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kairos.Server.Access.KeyProtection;

/// <summary>Loads a key-encryption certificate from a PKCS#12 file or from PEM files (a Kubernetes TLS Secret's tls.crt and tls.key).</summary>
internal static class CertificateFiles
{
    public static X509Certificate2 Load(string file, string? keyFile, string? password, string setting)
    {
        if (!File.Exists(file)) throw new StartupRefusal($"{setting}: the certificate file '{file}' does not exist.");
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(file, password, X509KeyStorageFlags.EphemeralKeySet)
                : X509Certificate2.CreateFromPemFile(file, keyFile);
        }
        catch (CryptographicException e)
        {
            throw new StartupRefusal($"{setting}: '{file}' could not be read as a certificate with its private key ({e.Message}).");
        }
        if (!certificate.HasPrivateKey)
            throw new StartupRefusal($"{setting}: '{file}' holds no private key; without it Kairos could not read the keys it encrypts. Give the key file too.");
        return certificate;
    }
}
