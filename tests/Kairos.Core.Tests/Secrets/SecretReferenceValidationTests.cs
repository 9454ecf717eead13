using Kairos.Core.Jobs;

namespace Kairos.Core.Tests.Secrets;

public sealed class SecretReferenceValidationTests
{
    [Fact]
    public void Load_ReferencesWhereTheyAreRead_Valid()
    {
        var (job, errors) = JobDefinitionTests.Load("""
            id: partner
            action:
              http:
                url: "https://partner.example/v1?apikey=${secret:partner-api/key}"
                headers: { Authorization: "Bearer ${env:PARTNER_TOKEN}" }
                body: '{"pin": "${file:/run/secrets/pin}"}'
            """);
        Assert.Empty(errors);
        Assert.Equal("https://partner.example/v1?apikey=${secret:partner-api/key}", ((HttpAction)job!.Action).Url.OriginalString);
    }

    [Fact]
    public void Load_MalformedReference_ErrorNamesFieldAndText()
    {
        var (job, errors) = JobDefinitionTests.Load("id: x\naction: { command: { argv: [echo], env: { A: '${env:my var}' } } }\n");
        Assert.Null(job);
        var error = Assert.Single(errors);
        Assert.Equal("action.command.env.A", error.Field);
        Assert.Contains("${env:my var}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReferenceInArgv_RefusedWithAdviceToUseEnv()
    {
        var (job, errors) = JobDefinitionTests.Load("id: x\naction: { command: { argv: [echo, '${env:TOKEN}'] } }\n");
        Assert.Null(job);
        var error = Assert.Single(errors);
        Assert.Equal("action.command.argv", error.Field);
        Assert.Contains("env", error.Message, StringComparison.Ordinal);
    }
}
