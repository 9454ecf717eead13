using Confluent.Kafka;
using Kairos.Kafka.Native;

namespace Kairos.Kafka.Tests;

public sealed class KafkaNativeTests
{
    [Fact]
    public void EnsureLoaded_FromThePackage_LoadsItsBuildOfTheVersionPinned()
    {
        var path = KafkaNative.EnsureLoaded();
        Assert.StartsWith(AppContext.BaseDirectory, path, StringComparison.Ordinal);
        Assert.Contains("librdkafka", Path.GetFileName(path), StringComparison.Ordinal);
        Assert.Equal(path, KafkaNative.EnsureLoaded());
        // Directory.Packages.props pins 2.16.0: a different version means another copy was picked up.
        Assert.StartsWith("2.16.", Library.VersionString, StringComparison.Ordinal);
    }
}
