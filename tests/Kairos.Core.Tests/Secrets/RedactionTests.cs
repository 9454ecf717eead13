using Kairos.Core.Secrets;

namespace Kairos.Core.Tests.Secrets;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("PASSWORD", true)]
    [InlineData("DB_PASSWD", true)]
    [InlineData("clientSecret", true)]
    [InlineData("ACCESS_TOKEN", true)]
    [InlineData("api_key", true)]
    [InlineData("apiKey", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS", true)]
    [InlineData("mysqlpassword", true)]
    [InlineData("MONKEY", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    [InlineData("BUSINESS_DATE", false)]
    [InlineData("PATH", false)]
    public void IsSensitive_ByWords(string name, bool expected) => Assert.Equal(expected, SensitiveNames.IsSensitive(name));

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("proxy-authorization", true)]
    [InlineData("Cookie", true)]
    [InlineData("Set-Cookie", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("X-Auth-Token", true)]
    [InlineData("Content-Type", false)]
    [InlineData("Idempotency-Key", true)]
    public void IsSensitiveHeader(string name, bool expected) => Assert.Equal(expected, SensitiveNames.IsSensitiveHeader(name));

    [Theory]
    [InlineData("https://api.example.com/v1/rates?apikey=abc123&base=USD", "https://api.example.com/v1/rates?apikey=***&base=USD")]
    [InlineData("https://h/x?key=1&token=2&access_token=3&secret=4&signature=5&sig=6&password=7&auth=8&api_key=9",
        "https://h/x?key=***&token=***&access_token=***&secret=***&signature=***&sig=***&password=***&auth=***&api_key=***")]
    [InlineData("https://user:pw@db.example.com:5432/x#top", "https://***@db.example.com:5432/x#top")]
    [InlineData("https://h/x?apikey=${env:PARTNER_KEY}", "https://h/x?apikey=${env:PARTNER_KEY}")]
    [InlineData("https://${env:U}:${env:P}@h/", "https://${env:U}:${env:P}@h/")]
    [InlineData("https://h/path?page=2#a", "https://h/path?page=2#a")]
    [InlineData("", "")]
    public void Url_CredentialsMasked_ReferencesKept(string url, string expected) => Assert.Equal(expected, UrlRedaction.Redact(url));

    [Theory]
    [InlineData("Bearer abc.def", "***")]
    [InlineData("Bearer ${env:TOKEN}", "Bearer ${env:TOKEN}")]
    [InlineData("Basic xyz${env:T}", "***${env:T}")]
    [InlineData("${secret:partner/key}", "${secret:partner/key}")]
    public void Value_KeepsReferencesOnly(string value, string expected) => Assert.Equal(expected, Redaction.Value(value));

    [Theory]
    [InlineData("Authorization: Bearer eyJhbGciOi.abc", "Authorization: Bearer ***")]
    [InlineData("PASSWORD=hunter2 USER=kim", "PASSWORD=*** USER=kim")]
    [InlineData("{\"password\":\"hunter2\",\"user\":\"kim\"}", "{\"password\":\"***\",\"user\":\"kim\"}")]
    [InlineData("calling https://h/v1?apikey=abc123 now", "calling https://h/v1?apikey=*** now")]
    [InlineData("curl -H 'X-Api-Key: k-123' https://h/", "curl -H 'X-Api-Key: ***' https://h/")]
    [InlineData("sent with Bearer abcdefghijkl", "sent with Bearer ***")]
    [InlineData("token=${env:T}", "token=${env:T}")]
    [InlineData("processed 120 rows in 3s", "processed 120 rows in 3s")]
    [InlineData("time: 09:00:00 KST", "time: 09:00:00 KST")]
    [InlineData("{\"key\":\"USDKRW\",\"secret_key\":\"sk-1\"}", "{\"key\":\"USDKRW\",\"secret_key\":\"***\"}")]
    public void Text_CredentialShapesMasked(string line, string expected) => Assert.Equal(expected, TextRedaction.Redact(line));
}
