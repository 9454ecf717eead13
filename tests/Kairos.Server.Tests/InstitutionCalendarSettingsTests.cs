using System.Text;
using Kairos.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Kairos.Server.Tests;

/// <summary>The settings-file form of institution calendars, as docs/calendars.md shows it.</summary>
public sealed class InstitutionCalendarSettingsTests
{
    private const string DocumentedExample = """
        {
          "Kairos": {
            "Calendars": {
              "Institutions": [
                {
                  "id": "HANA-BANK",
                  "name": "Hana Bank",
                  "base": ["KR-BANK"],
                  "add": [{ "date": "2026-07-15", "name": "Foundation day", "nameKo": "창립기념일" }],
                  "remove": ["2026-05-01"],
                  "timeZone": "Asia/Seoul",
                  "businessDate": { "newDayAt": "06:00", "closedDays": "next-business-day" }
                },
                {
                  "id": "HANA-SEC",
                  "name": "Hana Securities",
                  "base": ["KRX", "HANA-BANK"],
                  "remove": ["2026-12-31"]
                }
              ]
            }
          }
        }
        """;

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void DocumentedExample_BindsEveryField()
    {
        var configured = InstitutionCalendarSetup.Read(Json(DocumentedExample));
        var hana = configured.Definitions[0];
        Assert.Equal(("HANA-BANK", "Hana Bank", "Asia/Seoul"), (hana.Id, hana.Name, hana.TimeZoneId));
        Assert.Equal(new Kairos.Calendars.BusinessDateRule(new TimeOnly(6, 0)), hana.DateRule);
        Assert.Equal("창립기념일", Assert.Single(hana.Add).NameKo);
        Assert.Equal([new DateOnly(2026, 5, 1)], hana.Remove);
        Assert.Equal(["KRX", "HANA-BANK"], configured.Definitions[1].Bases);
    }

    [Fact]
    public void DocumentedRefusal_NamesCalendarAndField()
    {
        var e = Assert.Throws<StartupRefusal>(() => InstitutionCalendarSetup.Read(Json(DocumentedExample.Replace("\"KRX\", \"HANA-BANK\"", "\"KRX-BANK\"", StringComparison.Ordinal))));
        Assert.Equal("Kairos:Calendars:Institutions: calendar HANA-SEC: base: there is no calendar 'KRX-BANK'; known: HANA-BANK, KR, KR-BANK, KRX, WEEKDAYS.", e.Message);
    }

    [Fact]
    public void NoSection_IsNoCalendars() => Assert.Empty(InstitutionCalendarSetup.Read(Json("{}")).Definitions);
}
