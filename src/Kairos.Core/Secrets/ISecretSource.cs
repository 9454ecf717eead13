namespace Kairos.Core.Secrets;

/// <summary>Reads a secret's value when a run starts: the server's environment, a file, the secrets folder.</summary>
public interface ISecretSource
{
    /// <summary>The value, or null when it does not exist or cannot be read.</summary>
    string? Read(SecretReference reference);
}
