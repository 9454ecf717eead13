namespace Kairos.Server.Access.KeyProtection;

/// <summary>The current key-encryption key and those of earlier secrets, which are only ever used to read.</summary>
public sealed class SecretKeyRing(KeyEncryptionKey current, IReadOnlyList<KeyEncryptionKey> previous)
{
    public KeyEncryptionKey Current { get; } = current;

    public KeyEncryptionKey? Find(string id) =>
        Current.Id == id ? Current : previous.FirstOrDefault(k => k.Id == id);
}
