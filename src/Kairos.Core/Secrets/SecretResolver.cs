using Kairos.Core.Reasons;

namespace Kairos.Core.Secrets;

/// <summary>
/// Resolves the secret references of one attempt's fields, remembering every value it handed out (so the attempt's
/// output can be masked) and every reference it could not read (so the attempt fails naming them, never their values).
/// </summary>
public sealed class SecretResolver(ISecretSource source)
{
    private readonly List<string> _values = [];
    private readonly List<SecretReference> _missing = [];

    /// <summary>The text with its references replaced by their values; a missing one stays as written and is recorded.</summary>
    public string Resolve(string text) => SecretReferences.Replace(text, reference =>
    {
        var value = source.Read(reference);
        if (value is null) { if (!_missing.Contains(reference)) _missing.Add(reference); }
        else _values.Add(value);
        return value;
    });

    public IReadOnlyList<SecretReference> Missing => _missing;

    /// <summary>Why the attempt cannot start, naming the references that could not be read; null when all could.</summary>
    public Reason? Failure => _missing.Count == 0 ? null : Reason.Of(ReasonCodes.SecretsMissing, string.Join(", ", _missing));

    /// <summary>Masks every value resolved so far.</summary>
    public SecretMask Mask() => new(_values);
}
