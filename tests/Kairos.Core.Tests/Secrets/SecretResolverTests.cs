using Kairos.Core.Ports;
using Kairos.Core.Secrets;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests.Secrets;

public sealed class SecretResolverTests
{
    private sealed class Secrets(Dictionary<string, string> values) : ISecretSource
    {
        public string? Read(SecretReference reference) => values.GetValueOrDefault(reference.ToString());
    }

    private sealed class Lines : IRunOutput
    {
        public List<string> Written { get; } = [];

        public void Write(LogStream stream, string line) => Written.Add(line);
    }

    [Fact]
    public void Resolve_KnownReferences_ValuesInTextAndMaskedInOutput()
    {
        var resolver = new SecretResolver(new Secrets(new() { ["${env:KEY}"] = "s3cr3t-value", ["${file:/k}"] = "line one\nline two\n" }));
        Assert.Equal("key=s3cr3t-value", resolver.Resolve("key=${env:KEY}"));
        Assert.Equal("line one\nline two\n", resolver.Resolve("${file:/k}"));
        Assert.Null(resolver.Failure);

        var lines = new Lines();
        var output = new MaskedRunOutput(lines, resolver.Mask());
        output.Write(LogStream.Stdout, "got s3cr3t-value and line two");
        Assert.Equal(["got *** and ***"], lines.Written);
    }

    [Fact]
    public void Resolve_MissingReference_FailureNamesTheReferenceOnce()
    {
        var resolver = new SecretResolver(new Secrets(new() { ["${env:SET}"] = "value-1" }));
        resolver.Resolve("${env:UNSET} ${env:SET}");
        resolver.Resolve("${env:UNSET}");
        Assert.Equal([new SecretReference(SecretScheme.Env, "UNSET")], resolver.Missing);
        Assert.Equal(Reason.Of(ReasonCodes.SecretsMissing, "${env:UNSET}"), resolver.Failure);
    }

    [Fact]
    public void Mask_ShortValuesAreLeftAlone_LongestFirst()
    {
        var mask = new SecretMask(["ab", "abcd", "abcdef"]);
        Assert.Equal("ab *** ***", mask.Apply("ab abcd abcdef"));
        Assert.True(new SecretMask(["x", ""]).IsEmpty);
    }
}
