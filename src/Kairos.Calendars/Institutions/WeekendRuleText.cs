namespace Kairos.Calendars.Institutions;

/// <summary>A weekend rule as a definition writes it: <c>sat-sun</c>, <c>sun</c>, <c>fri-sat</c>, or <c>none</c>.</summary>
public static class WeekendRuleText
{
    private static readonly (string Text, DayOfWeek Day)[] Names =
    [
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
    ];

    public static bool TryParse(string? text, out WeekendRule rule)
    {
        rule = WeekendRule.None;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "none") return true;
        var days = new List<DayOfWeek>();
        foreach (var part in trimmed.Split('-'))
        {
            var match = Array.FindIndex(Names, n => n.Text == part);
            if (match < 0 || days.Contains(Names[match].Day)) return false;
            days.Add(Names[match].Day);
        }
        rule = WeekendRule.Of([.. days]);
        return true;
    }

    /// <summary>The rule in the same words: Monday first, <c>none</c> for no weekend.</summary>
    public static string Format(WeekendRule rule)
    {
        var days = rule.Days.Select(d => Names.First(n => n.Day == d).Text).ToList();
        return days.Count == 0 ? "none" : string.Join("-", days);
    }
}
