namespace Kairos.Core.Schedules;

/// <summary>A wall-clock window, start inclusive and end exclusive; a window whose end is before its start spans midnight.</summary>
public sealed record TimeWindow(TimeOnly Start, TimeOnly End)
{
    public bool Contains(TimeOnly time) => Start <= End ? time >= Start && time < End : time >= Start || time < End;

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
