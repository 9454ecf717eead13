using System.Diagnostics;
using System.Text.Json;
using Kairos.Calendars;

namespace Kairos.Bench;

/// <summary>
/// Calendar queries per second on one thread (one core): Kairos's precomputed calendar beside the obvious hand-written
/// one (a HashSet of holiday dates plus a weekend check, walking day by day to add business days).
/// </summary>
internal static class CalendarOperations
{
    public static IEnumerable<string> Run(double seconds)
    {
        var krx = BuiltInCalendars.Default.Get("KRX")!;
        var naive = new NaiveCalendar(krx.AllHolidays.Where(h => !krx.IsBusinessDay(h.Date)).Select(h => h.Date));
        var random = new Random(42);
        var dates = Enumerable.Range(0, 4096).Select(_ => new DateOnly(1990, 1, 1).AddDays(random.Next(0, 61 * 365))).ToArray();
        var steps = Enumerable.Range(0, 4096).Select(_ => random.Next(-20, 21)).ToArray();

        yield return Line("is-business-day", "kairos", Measure(seconds, n => { long hits = 0; for (var i = 0; i < n; i++) if (krx.IsBusinessDay(dates[i & 4095])) hits++; return hits; }));
        yield return Line("is-business-day", "hashset", Measure(seconds, n => { long hits = 0; for (var i = 0; i < n; i++) if (naive.IsBusinessDay(dates[i & 4095])) hits++; return hits; }));
        yield return Line("add-business-days", "kairos", Measure(seconds, n => { long sum = 0; for (var i = 0; i < n; i++) sum += krx.AddBusinessDays(dates[i & 4095], steps[i & 4095]).DayNumber; return sum; }));
        yield return Line("add-business-days", "hashset", Measure(seconds, n => { long sum = 0; for (var i = 0; i < n; i++) sum += naive.AddBusinessDays(dates[i & 4095], steps[i & 4095]).DayNumber; return sum; }));
    }

    // Runs growing batches until the time is spent; reports operations per second and allocated bytes per operation.
    private static (double OpsPerSecond, double BytesPerOp, long Operations) Measure(double seconds, Func<int, long> batch)
    {
        batch(1_000_000); // warm-up and tiered JIT
        batch(1_000_000);
        long operations = 0, sink = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            sink += batch(10_000_000);
            operations += 10_000_000;
        }
        watch.Stop();
        GC.KeepAlive(sink);
        return (operations / watch.Elapsed.TotalSeconds, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / operations, operations);
    }

    private static string Line(string operation, string implementation, (double OpsPerSecond, double BytesPerOp, long Operations) m) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["scenario"] = "calendar-ops", ["operation"] = operation, ["implementation"] = implementation, ["threads"] = 1,
            ["ops_per_second"] = Math.Round(m.OpsPerSecond), ["bytes_allocated_per_op"] = Math.Round(m.BytesPerOp, 3), ["operations"] = m.Operations,
        });

    private sealed class NaiveCalendar(IEnumerable<DateOnly> holidays)
    {
        private readonly HashSet<DateOnly> _holidays = holidays.ToHashSet();

        public bool IsBusinessDay(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(d);

        public DateOnly AddBusinessDays(DateOnly d, int n)
        {
            if (n == 0) { while (!IsBusinessDay(d)) d = d.AddDays(1); return d; }
            var step = Math.Sign(n);
            for (var left = Math.Abs(n); left > 0;) { d = d.AddDays(step); if (IsBusinessDay(d)) left--; }
            return d;
        }
    }
}
