using System.Diagnostics.Metrics;
using System.Globalization;
using Kairos.Core.Ports;
using Kairos.Server.Metrics;

namespace Kairos.Server.Api;

/// <summary>Kairos:Access:AnonymousWritesPerMinute — how many refused writes without sign-in an address may make in a minute.</summary>
public sealed class AnonymousWriteOptions
{
    public int AnonymousWritesPerMinute { get; set; } = 30;
}

/// <summary>
/// Writes made without signing in are refused, and nobody can be held to them, so they are counted rather than
/// recorded one row each: otherwise anyone who can reach the server could push every real entry off the audit log's
/// first page with text of their choosing. Per client address and one-minute window, the first refusal is recorded
/// as it comes and the rest as one summary row when the window ends; past the limit the answer is 429 without
/// reaching the endpoint. Every refusal counts in <c>kairos_refused_anonymous_requests_total{status}</c>.
/// </summary>
internal sealed class AnonymousWrites : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Past this many addresses in one window the rest share one count, so rotating addresses cannot grow memory.
    private const int MaxAddresses = 10_000;
    private const string ManyAddresses = "(other addresses)";

    private readonly Dictionary<string, AddressWindow> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Meter _meter = new(KairosMetrics.MeterName);
    private readonly Counter<long> _refused;
    private readonly int _limit;
    private readonly TimeProvider _clock;

    private sealed class AddressWindow(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        public int Attempts { get; set; }
        public int Refused { get; set; }
        public int Limited { get; set; }
    }

    public AnonymousWrites(AnonymousWriteOptions options, TimeProvider clock)
    {
        _limit = options.AnonymousWritesPerMinute;
        _clock = clock;
        _refused = _meter.CreateCounter<long>("kairos.refused.anonymous.requests", "{request}", "Writes without sign-in that were refused, by answer status");
    }

    /// <summary>Counts an attempt by <paramref name="address"/>; false, with how long to wait, once its window is used up.</summary>
    public bool TryAdmit(string address, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var window = Current(address, _clock.GetUtcNow(), out _);
            window.Attempts++;
            retryAfter = window.Start + Window - _clock.GetUtcNow();
            return window.Attempts <= _limit;
        }
    }

    /// <summary>
    /// Counts a refusal; returns the audit rows to write now: the refusal itself when it is the window's first, and the
    /// summary of the address's previous window when this one replaced it.
    /// </summary>
    public IReadOnlyList<AuditEntry> Refused(string address, int status, Func<AuditEntry> firstRow)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("status", status.ToString(CultureInfo.InvariantCulture)));
        var rows = new List<AuditEntry>();
        lock (_lock)
        {
            var window = Current(address, _clock.GetUtcNow(), out var closed);
            if (closed is not null && Summary(address, closed) is { } summary) rows.Add(summary);
            window.Refused++;
            if (status == StatusCodes.Status429TooManyRequests) window.Limited++;
            if (window.Refused == 1) rows.Add(firstRow());
        }
        return rows;
    }

    /// <summary>Summaries of every window that has ended (all of them when <paramref name="all"/>, at shutdown).</summary>
    public IReadOnlyList<AuditEntry> TakeEnded(bool all = false)
    {
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            var ended = _windows.Where(w => all || w.Value.Start + Window <= now).ToList();
            foreach (var (address, _) in ended) _windows.Remove(address);
            return ended.Select(w => Summary(w.Key, w.Value)).OfType<AuditEntry>().ToList();
        }
    }

    private AddressWindow Current(string address, DateTimeOffset now, out AddressWindow? closed)
    {
        closed = null;
        if (!_windows.ContainsKey(address) && _windows.Count >= MaxAddresses) address = ManyAddresses;
        if (_windows.TryGetValue(address, out var window) && window.Start + Window > now) return window;
        closed = window;
        return _windows[address] = new AddressWindow(now);
    }

    // The first refusal has its own row; a summary is only worth writing when more followed it.
    private static AuditEntry? Summary(string address, AddressWindow w) => w.Refused <= 1 ? null
        : new AuditEntry(w.Start + Window, "anonymous", "http.refused-anonymous", $"address:{address}",
            Detail: string.Create(CultureInfo.InvariantCulture,
                $"{w.Refused} refused writes without sign-in from {address} in the minute from {w.Start:yyyy-MM-dd HH:mm:ss} UTC ({w.Limited} answered 429); the first is recorded on its own"),
            Source: $"{address} anonymous");

    public void Dispose() => _meter.Dispose();
}

/// <summary>Writes the summaries of ended windows, so a flood that stops is still accounted for; and the rest at shutdown.</summary>
internal sealed class AnonymousWriteSummaries(AnonymousWrites counts, IKairosStore store, TimeProvider clock, ILogger<AnonymousWrites> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(AnonymousWrites.Window, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await WriteAsync(counts.TakeEnded(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteAsync(counts.TakeEnded(all: true), CancellationToken.None);
        }
    }

    private async Task WriteAsync(IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        try
        {
            foreach (var row in rows) await store.Audit.AppendAsync(row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not record {Count} summaries of refused writes without sign-in", rows.Count);
        }
    }
}

internal static class AnonymousWriteSetup
{
    public static IServiceCollection AddAnonymousWriteLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Kairos:Access").Get<AnonymousWriteOptions>() ?? new AnonymousWriteOptions();
        // Checked while the server is built, so a bad value stops the start with a sentence rather than at the first request.
        if (options.AnonymousWritesPerMinute < 1) throw new StartupRefusal("Kairos:Access:AnonymousWritesPerMinute must be at least 1.");
        services.AddSingleton(options);
        services.AddSingleton<AnonymousWrites>();
        services.AddHostedService<AnonymousWriteSummaries>();
        return services;
    }
}
