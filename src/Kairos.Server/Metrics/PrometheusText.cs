using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Kairos.Server.Metrics;

/// <summary>
/// Prometheus's text exposition format (0.0.4) for the instruments of one meter, aggregated in process: counters as
/// running sums, histograms as cumulative buckets, gauges read at scrape time. No exporter package exists for this,
/// so it is a small listener of the framework's own <see cref="MeterListener"/>.
/// </summary>
public sealed class PrometheusText : IDisposable
{
    // Seconds: from a millisecond-late start to a five-minute run.
    private static readonly double[] Buckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();
    private readonly Lock _scrape = new();

    private sealed class Series
    {
        public double Value;
        public long Count;
        public readonly long[] BucketCounts = new long[Buckets.Length];
    }

    public PrometheusText(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        lock (_scrape)
        {
            // Gauges hold only what their callbacks report now: a state that disappeared must not linger.
            foreach (var key in _series.Keys.Where(k => IsGauge(k.Instrument))) _series.TryRemove(key, out _);
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
            {
                var instrument = group.Key;
                var name = Name(instrument);
                var type = instrument switch { Histogram<double> => "histogram", _ when IsGauge(instrument) => "gauge", _ => "counter" };
                text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
                foreach (var (key, series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
                {
                    lock (series)
                    {
                        if (type == "histogram") AppendHistogram(text, name, key.Labels, series);
                        else Line(text, name, key.Labels, series.Value);
                    }
                }
            }
            return text.ToString();
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrAdd((instrument, Labels(tags)), _ => new Series());
        lock (series)
        {
            if (instrument is Histogram<double>)
            {
                series.Value += value;
                series.Count++;
                for (var b = 0; b < Buckets.Length; b++) if (value <= Buckets[b]) series.BucketCounts[b]++;
            }
            else if (IsGauge(instrument)) series.Value = value;
            else series.Value += value;
        }
    }

    private static void AppendHistogram(StringBuilder text, string name, string labels, Series series)
    {
        var prefix = labels.Length == 0 ? "" : labels + ",";
        for (var b = 0; b < Buckets.Length; b++)
            Line(text, name + "_bucket", $"{prefix}le=\"{Buckets[b].ToString(CultureInfo.InvariantCulture)}\"", series.BucketCounts[b]);
        Line(text, name + "_bucket", $"{prefix}le=\"+Inf\"", series.Count);
        Line(text, name + "_sum", labels, series.Value);
        Line(text, name + "_count", labels, series.Count);
    }

    private static void Line(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels.Length == 0 ? "" : "{" + labels + "}").Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    private static bool IsGauge(Instrument instrument) => instrument is ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double>;

    /// <summary><c>kairos.run.start.lateness</c> in seconds → <c>kairos_run_start_lateness_seconds</c>; counters end in <c>_total</c>.</summary>
    internal static string Name(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit == "s") name += "_seconds";
        return instrument is Counter<long> or Counter<int> or Counter<double> ? name + "_total" : name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return "";
        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags) pairs.Add($"{tag.Key}=\"{Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")}\"");
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public void Dispose() => _listener.Dispose();
}
