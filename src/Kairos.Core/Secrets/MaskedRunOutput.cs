using Kairos.Core.Ports;

namespace Kairos.Core.Secrets;

/// <summary>An attempt's output with its resolved secrets masked before any line reaches the store.</summary>
public sealed class MaskedRunOutput(IRunOutput inner, SecretMask mask) : IRunOutput
{
    public void Write(LogStream stream, string line) => inner.Write(stream, mask.Apply(line));
}
