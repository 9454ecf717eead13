using System.Globalization;
using System.Resources;
using Kairos.Core.Reasons;
using Kairos.Server.Texts;

namespace Kairos.Server.Tests.Texts;

/// <summary>Reason codes from Core become words here, in the reader's language, the same facts in both.</summary>
public sealed class ReasonTextTests
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly Reason Chuseok = Reason.Of(ReasonCodes.NotBusinessDay, "2026-09-25", "KR-BANK", new NameArg("Chuseok (추석)", "추석"));

    [Fact]
    public void NotBusinessDay_InEachLanguage_NamesTheHoliday()
    {
        Assert.Equal("2026-09-25은(는) KR-BANK의 영업일이 아닙니다: 추석", ReasonText.Render(Chuseok, Korean));
        Assert.Equal("2026-09-25 is not a business day on KR-BANK: Chuseok (추석)", ReasonText.Render(Chuseok, English));
    }

    [Fact]
    public void NestedReason_RenderedInTheSameLanguage()
    {
        var moved = Reason.Of(ReasonCodes.MovedTo, Chuseok, "2026-09-28 10:00:00");
        Assert.Equal("2026-09-25은(는) KR-BANK의 영업일이 아닙니다: 추석. 2026-09-28 10:00:00(으)로 옮깁니다", ReasonText.Render(moved, Korean));
        Assert.Equal("2026-09-25 is not a business day on KR-BANK: Chuseok (추석); moved to 2026-09-28 10:00:00", ReasonText.Render(moved, English));
    }

    [Fact]
    public void StoredDetail_ReasonRendered_PlainTextKeptAsWritten()
    {
        Assert.Equal("매월 3번째 영업일", ReasonText.Detail(StoredReason.Write(Reason.Of(ReasonCodes.NthBusinessDay, "3")), Korean));
        Assert.Equal("exit code 3", ReasonText.Detail("exit code 3", Korean));
        Assert.Null(ReasonText.Detail(null, Korean));
    }

    [Fact]
    public void UnknownCode_ShownAsTheCodeWithItsArguments() =>
        Assert.Equal("slot.fromTheFuture(a, 1)", ReasonText.Render(Reason.Of("slot.fromTheFuture", "a", "1"), English));

    [Fact]
    public void EveryCode_HasATextInEachLanguage_WithAPlaceForEachArgument()
    {
        var resources = new ResourceManager("Kairos.Server.Resources.ReasonText", typeof(ReasonText).Assembly);
        foreach (var culture in new[] { English, Korean })
            foreach (var code in ReasonCodes.All)
                Assert.False(string.IsNullOrEmpty(resources.GetString(code, culture)), $"no {culture.Name} text for {code}");
        Assert.Equal(ReasonCodes.All.Count, ReasonCodes.All.Distinct().Count());
    }
}
