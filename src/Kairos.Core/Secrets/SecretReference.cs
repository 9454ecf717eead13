namespace Kairos.Core.Secrets;

/// <summary>
/// A secret a job field names instead of holding: <c>${env:NAME}</c>, <c>${file:/path}</c> or <c>${secret:name/key}</c>.
/// Its text is not secret, so it may be stored, audited and shown; only its value is.
/// </summary>
public readonly record struct SecretReference(SecretScheme Scheme, string Name)
{
    public override string ToString() => "${" + Scheme.ToString().ToLowerInvariant() + ":" + Name + "}";
}
