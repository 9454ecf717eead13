using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

public sealed class StoredReasonTests
{
    [Fact]
    public void Write_Read_RoundTripsNestedReasonsNamesAndValues()
    {
        var closed = Reason.Of(ReasonCodes.NotBusinessDay, "2026-09-25", "KR-BANK", new NameArg("Chuseok (추석)", "추석"));
        var moved = Reason.Of(ReasonCodes.MovedTo, closed, "2026-09-28 10:00:00");
        var stored = StoredReason.Write(moved);
        Assert.StartsWith("{\"reason\":\"slot.movedTo\"", stored, StringComparison.Ordinal);
        Assert.Equal(moved, StoredReason.Read(stored));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("exit code 3")]
    [InlineData("{\"reason\":")]
    [InlineData("{\"reason\":42}")]
    [InlineData("{\"reason\":\"x\",\"args\":[1]}")]
    public void Read_PlainOrBrokenDetail_IsNoReason(string? detail) => Assert.Null(StoredReason.Read(detail));
}
