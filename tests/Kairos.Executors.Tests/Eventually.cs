using Xunit.Sdk;

namespace Kairos.Executors.Tests;

/// <summary>Waits for a condition that real processes bring about, with deadlines generous enough for a loaded machine.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > within) throw new XunitException($"{what}: not within {within.TotalSeconds}s");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan within, string what) where T : struct
    {
        T? value = null;
        await TrueAsync(() => (value = probe()) is not null, within, what);
        return value!.Value;
    }
}
