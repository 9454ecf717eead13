using Kairos.Core.Secrets;

namespace Kairos.Core.Tests.Secrets;

public sealed class SecretReferencesTests
{
    [Theory]
    [InlineData("${env:PARTNER_KEY}", SecretScheme.Env, "PARTNER_KEY")]
    [InlineData("Bearer ${file:/var/run/secrets/partner/token}", SecretScheme.File, "/var/run/secrets/partner/token")]
    [InlineData("${secret:partner-api/key.txt}", SecretScheme.Secret, "partner-api/key.txt")]
    public void In_ValidReference_ParsedWithSchemeAndName(string text, SecretScheme scheme, string name)
    {
        Assert.Equal([new SecretReference(scheme, name)], SecretReferences.In(text));
    }

    [Theory]
    [InlineData("${HOME}/bin")]
    [InlineData("${VAR:-default}")]
    [InlineData("{{businessDate}}")]
    [InlineData("$env:X")]
    public void In_ShellOrTemplateSyntax_IsNotAReference(string text)
    {
        Assert.Empty(SecretReferences.In(text));
        Assert.Empty(SecretReferences.Malformed(text));
    }

    [Theory]
    [InlineData("${env:my var}")]
    [InlineData("${env:}")]
    [InlineData("${file:relative/path}")]
    [InlineData("${file:/etc/../etc/shadow}")]
    [InlineData("${secret:../escape}")]
    [InlineData("${secret:only-a-name}")]
    public void Malformed_SecretSchemeWithImpossibleName_IsReported(string text)
    {
        Assert.Empty(SecretReferences.In(text));
        Assert.Equal([text], SecretReferences.Malformed(text));
    }

    [Fact]
    public void Replace_EachReference_ByItsValueAndUnknownOnesLeftAsWritten()
    {
        var text = SecretReferences.Replace("u=${env:A}&p=${env:B}&h=${HOME}", r => r.Name == "A" ? "alpha" : null);
        Assert.Equal("u=alpha&p=${env:B}&h=${HOME}", text);
    }

    [Theory]
    [InlineData("${env:USER}:${env:PASSWORD}", true)]
    [InlineData("${env:TOKEN}", true)]
    [InlineData("Bearer ${env:TOKEN}", false)]
    [InlineData("plain", false)]
    public void IsOnlyReferences_SeparatorsOnly(string text, bool expected)
    {
        Assert.Equal(expected, SecretReferences.IsOnlyReferences(text));
    }

    [Fact]
    public void ToString_IsTheTextForm()
    {
        Assert.Equal("${secret:partner/key}", new SecretReference(SecretScheme.Secret, "partner/key").ToString());
    }
}
