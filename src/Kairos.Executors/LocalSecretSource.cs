using System.Text;
using Kairos.Core.Secrets;

namespace Kairos.Executors;

/// <summary>
/// Reads secret references on this node: <c>env</c> from the server's environment, <c>file</c> from the file system,
/// <c>secret</c> as <c>name/key</c> under <paramref name="secretsFolder"/>, where a Kubernetes Secret volume puts one
/// file per key. A file's one trailing newline is dropped (<c>echo value &gt; file</c> adds it; no credential ends in one).
/// </summary>
public sealed class LocalSecretSource(string secretsFolder) : ISecretSource
{
    public const string DefaultFolder = "/var/run/secrets/kairos";

    /// <summary>Larger files are refused: a secret is small, and a device or a log file named by mistake must not be read whole.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public string? Read(SecretReference reference) => reference.Scheme switch
    {
        SecretScheme.Env => Environment.GetEnvironmentVariable(reference.Name),
        SecretScheme.File => ReadFile(reference.Name),
        SecretScheme.Secret => ReadFile(Path.Combine(secretsFolder, reference.Name)),
        _ => null,
    };

    private static string? ReadFile(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxFileBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
            if (length > MaxFileBytes) return null;
            var text = Encoding.UTF8.GetString(buffer, 0, length);
            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
