using System.Security.Cryptography;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Kairos.Server.Access.KeyProtection;

/// <summary>
/// Chooses how the keys behind sessions and CSRF tokens are encrypted at rest: with the operator's certificate, with
/// the operator's secret, or (SQLite only) with a secret generated once into the owner-only data folder, so that a copy
/// of the database file alone never holds a usable key.
/// </summary>
internal static class KeyProtectionSetup
{
    public const string GeneratedSecretFile = "keys/key-encryption.secret";

    /// <summary>
    /// Data Protection with its keys in the store (so every node sharing the store accepts every node's sessions, and a
    /// restart signs nobody out), encrypted at rest; stored keys are brought up to that protection at start.
    /// </summary>
    public static IServiceCollection AddKairosDataProtection(this IServiceCollection services, KeyProtectionOptions options, string dataPath, bool sharedStore)
    {
        var builder = services.AddDataProtection().SetApplicationName("Kairos");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new StoreXmlRepository(sp.GetRequiredService<IKairosStore>())));
        var protection = builder.ProtectKeysAtRest(options, dataPath, sharedStore);
        services.AddHostedService(sp => new KeyRingUpgrade(sp, protection, sp.GetRequiredService<ILogger<KeyRingUpgrade>>()));
        return services;
    }

    /// <summary>Configures Data Protection and returns a sentence for the start-up log saying which key protects the keys.</summary>
    public static string ProtectKeysAtRest(this IDataProtectionBuilder builder, KeyProtectionOptions options, string dataPath, bool sharedStore)
    {
        if (options.HasCertificate && options.HasSecret)
            throw new StartupRefusal($"{KeyProtectionOptions.Section}: give a secret or a certificate, not both.");
        if (options.HasCertificate)
        {
            var certificate = CertificateFiles.Load(options.CertificateFile!, options.CertificateKeyFile, options.CertificatePassword, $"{KeyProtectionOptions.Section}:CertificateFile");
            var previous = options.PreviousCertificates.Select((p, i) =>
                CertificateFiles.Load(p.File ?? "", p.KeyFile, p.Password, $"{KeyProtectionOptions.Section}:PreviousCertificates:{i}")).ToArray();
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. previous]);
            return $"session keys are encrypted at rest with certificate {certificate.Thumbprint}";
        }

        string secret, source;
        if (options.HasSecret)
        {
            (secret, source) = (ReadSecret(options.Secret, options.SecretFile, $"{KeyProtectionOptions.Section}:Secret"), options.SecretFile is { Length: > 0 } f ? f : "the configured secret");
        }
        else if (sharedStore)
        {
            throw new StartupRefusal(
                $"{KeyProtectionOptions.Section}: with PostgreSQL, every node needs the same key to encrypt the session keys it stores. " +
                "Set Kairos__Access__KeyProtection__SecretFile to a mounted Kubernetes Secret (or Kairos__Access__KeyProtection__Secret, " +
                $"at least {KeyEncryptionKey.MinimumSecretLength} characters, e.g. from 'openssl rand -base64 32'), or CertificateFile. See docs/access.md.");
        }
        else
        {
            var path = Path.Combine(dataPath, GeneratedSecretFile);
            (secret, source) = (GeneratedSecret(path), path);
        }

        var current = KeyEncryptionKey.FromSecret(secret)!;
        var earlier = options.PreviousSecrets.Select((s, i) => ReadSecret(s, null, $"{KeyProtectionOptions.Section}:PreviousSecrets:{i}"))
            .Concat(options.PreviousSecretFiles.Select((p, i) => ReadSecret(null, p, $"{KeyProtectionOptions.Section}:PreviousSecretFiles:{i}")))
            .Select(s => KeyEncryptionKey.FromSecret(s)!).ToList();
        var ring = new SecretKeyRing(current, earlier);
        builder.Services.AddSingleton(ring);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new SecretXmlEncryptor(ring));
        return $"session keys are encrypted at rest with the secret from {source} (id {current.Id})";
    }

    private static string ReadSecret(string? value, string? file, string setting)
    {
        string secret;
        if (!string.IsNullOrEmpty(value)) secret = value;
        else if (!File.Exists(file)) throw new StartupRefusal($"{setting}: the secret file '{file}' does not exist.");
        else secret = File.ReadAllText(file);
        if (KeyEncryptionKey.FromSecret(secret) is null)
            throw new StartupRefusal($"{setting}: the secret must be at least {KeyEncryptionKey.MinimumSecretLength} characters (e.g. from 'openssl rand -base64 32').");
        return secret;
    }

    /// <summary>The data folder's own secret: made once, owner-only, and kept apart from the database file.</summary>
    private static string GeneratedSecret(string path)
    {
        OwnerOnly.EnsureFolder(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            try { OwnerOnly.WriteNewFile(path, System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n")); }
            catch (IOException) when (File.Exists(path)) { /* a second server on the same folder made it first */ }
        }
        OwnerOnly.EnsureFile(path);
        return File.ReadAllText(path);
    }
}
