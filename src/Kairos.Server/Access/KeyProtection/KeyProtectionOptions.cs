namespace Kairos.Server.Access.KeyProtection;

/// <summary>
/// Kairos:Access:KeyProtection — the key the operator supplies to encrypt, at rest in the store, the keys that sign
/// session cookies and CSRF tokens. Give a secret (from the environment or a file such as a mounted Kubernetes
/// Secret) or a certificate with its private key. Without either, a SQLite store gets a generated secret file in
/// the data folder; a PostgreSQL store, shared by nodes that must all hold the same key, refuses to start.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "Kairos:Access:KeyProtection";

    /// <summary>The secret itself, at least 32 characters; usually from <c>Kairos__Access__KeyProtection__Secret</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>A file holding the secret, such as a key of a Kubernetes Secret mounted as a volume.</summary>
    public string? SecretFile { get; set; }

    /// <summary>Secrets used before a rotation: keys they encrypted are re-encrypted with the current secret at start.</summary>
    public List<string> PreviousSecrets { get; set; } = [];

    /// <summary>Files holding secrets used before a rotation.</summary>
    public List<string> PreviousSecretFiles { get; set; } = [];

    /// <summary>A certificate whose public key encrypts the keys: a PKCS#12 file (.pfx, .p12) or a PEM file (tls.crt).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/> (tls.key), when it is not in the same file.</summary>
    public string? CertificateKeyFile { get; set; }

    /// <summary>The password of a PKCS#12 certificate file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Certificates used before a rotation, still needed to read keys they encrypted until those keys expire.</summary>
    public List<PreviousCertificate> PreviousCertificates { get; set; } = [];

    public bool HasSecret => !string.IsNullOrEmpty(Secret) || !string.IsNullOrEmpty(SecretFile);

    public bool HasCertificate => !string.IsNullOrEmpty(CertificateFile);
}

/// <summary>A certificate from before a rotation: its file, its PEM key file, or its PKCS#12 password.</summary>
public sealed class PreviousCertificate
{
    public string? File { get; set; }

    public string? KeyFile { get; set; }

    public string? Password { get; set; }
}
