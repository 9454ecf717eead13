namespace Kairos.Core.Secrets;

/// <summary>How a hidden value is shown, and the rule for a value whose name says it is a credential.</summary>
public static class Redaction
{
    public const string Mask = "***";

    /// <summary>
    /// A credential's value as others may see it: references (<c>${env:TOKEN}</c>) and an authorization scheme stay,
    /// everything else is masked. <c>Bearer ${env:T}</c> stays; <c>Bearer abc</c> becomes <c>***</c>.
    /// </summary>
    public static string Value(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        return SecretReferences.Contains(value) ? SecretReferences.KeepOnlyReferences(value, Mask) : Mask;
    }
}
