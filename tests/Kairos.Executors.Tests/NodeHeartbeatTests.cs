namespace Kairos.Executors.Tests;

/// <summary>The early touch a restarting node gives its heartbeat, before its scheduler starts.</summary>
public sealed class NodeHeartbeatTests : IDisposable
{
    private readonly TestJournal _journal = new();

    public void Dispose() => _journal.Dispose();

    [Fact]
    public void TouchIfKnown_ANodeThatRanHere_MovesTheModificationTimeToNow()
    {
        NodeHeartbeat.Touch(_journal.Root, "n1");
        var path = NodeHeartbeat.PathOf(_journal.Root, "n1");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));

        Assert.True(NodeHeartbeat.TouchIfKnown(_journal.Root, "n1"));
        Assert.InRange(DateTime.UtcNow - File.GetLastWriteTimeUtc(path), TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("never-ran-here")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void TouchIfKnown_ANodeUnknownHereOrABadName_CreatesNothing(string node)
    {
        Assert.False(NodeHeartbeat.TouchIfKnown(_journal.Root, node));
        Assert.False(Directory.Exists(_journal.Root));
    }
}
