namespace Kairos.Core.Secrets;

/// <summary>Where a secret reference is read from when a run starts.</summary>
public enum SecretScheme
{
    /// <summary><c>${env:NAME}</c>: a variable of the server's own environment.</summary>
    Env,

    /// <summary><c>${file:/absolute/path}</c>: a file's content, such as a mounted Kubernetes Secret key.</summary>
    File,

    /// <summary><c>${secret:name/key}</c>: the file <c>name/key</c> under the configured secrets folder.</summary>
    Secret,
}
