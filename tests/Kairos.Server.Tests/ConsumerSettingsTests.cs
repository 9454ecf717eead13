using Kairos.Server.Hosting;

namespace Kairos.Server.Tests;

public sealed class ConsumerSettingsTests
{
    [Theory]
    [InlineData("Handler", "forward", "Kairos:Consumers:c:Handler must be relay or latest (it is 'forward')")]
    [InlineData("Relay:Url", "ftp://partner", "Kairos:Consumers:c:Relay:Url must be an absolute http or https URL (it is 'ftp://partner')")]
    [InlineData("Relay:Partner", "nobody", "Kairos:Consumers:c:Relay:Partner 'nobody' is not under Kairos:Kafka:Partners (known: bank)")]
    [InlineData("Scaling:MaxReplicas", "9", "Kairos:Consumers:c:Scaling:MaxReplicas (9) is above partner bank's rate (4/s)")]
    [InlineData("Scaling:Floor:Calendar", "NYSE", "Kairos:Consumers:c:Scaling:Floor:Calendar 'NYSE' is not a calendar")]
    public void BadConsumerSetting_ServerRefusesToStart_NamingTheKey(string key, string value, string message)
    {
        string[] args =
        [
            "--url", "http://127.0.0.1:0", "--Kairos:Kafka:Partners:bank:Rate", "4",
            "--Kairos:Consumers:c:Topic", "fx.requests", "--Kairos:Consumers:c:Handler", "relay",
            "--Kairos:Consumers:c:Relay:Url", "http://127.0.0.1:5090/rates", "--Kairos:Consumers:c:Relay:ResponseTopic", "fx.responses",
            "--Kairos:Consumers:c:Relay:Partner", "bank", "--Kairos:Consumers:c:Scaling:MaxReplicas", "2",
            "--Kairos:Consumers:c:Scaling:Floor:Calendar", "KRX", "--Kairos:Consumers:c:Scaling:Floor:From", "08:50",
            "--Kairos:Consumers:c:Scaling:Floor:To", "15:40", "--Kairos:Consumers:c:Scaling:Floor:Replicas", "1",
            $"--Kairos:Consumers:c:{key}", value,
        ];
        var e = Assert.Throws<InvalidOperationException>(() => KairosServer.Build(args));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConfigFile_ServerRefusesToStart_NamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KairosServer.Build(["--url", "http://127.0.0.1:0", "--config", "no-such-kairos.json"]));
        Assert.Contains("--config: there is no file", e.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-kairos.json", e.Message, StringComparison.Ordinal);
    }
}
