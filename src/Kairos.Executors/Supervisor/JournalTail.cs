using System.Text;
using Kairos.Core.Ports;

namespace Kairos.Executors;

/// <summary>
/// Follows an attempt's log as it grows: each complete record ("K EPOCH_MS TEXT\n") becomes one output line, so line k
/// of the stored output is record k of the log, whoever reads it and however often.
/// </summary>
internal sealed class JournalTail(string path, int skip) : IDisposable
{
    private FileStream? _log;
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;

    /// <summary>Records read so far, including those skipped.</summary>
    public int Records { get; private set; }

    /// <summary>Writes every complete record appended since the last call; a record still being written waits for the next.</summary>
    public void Drain(IRunOutput output)
    {
        if ((_log ??= Open()) is not { } log) return;
        while (true)
        {
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = log.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0) return;
            _length += read;
            Split(output);
        }
    }

    public void Dispose() => _log?.Dispose();

    private void Split(IRunOutput output)
    {
        var start = 0;
        int end;
        while ((end = Array.IndexOf(_buffer, (byte)'\n', start, _length - start)) >= 0)
        {
            if (Records++ >= skip) Write(output, _buffer.AsSpan(start, end - start));
            start = end + 1;
        }
        _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
        _length -= start;
    }

    private static void Write(IRunOutput output, ReadOnlySpan<byte> record)
    {
        var stream = record.IsEmpty ? LogStream.System : record[0] switch { (byte)'O' => LogStream.Stdout, (byte)'E' => LogStream.Stderr, _ => LogStream.System };
        var afterKind = record.IndexOf((byte)' ');
        var afterTime = afterKind < 0 ? -1 : record[(afterKind + 1)..].IndexOf((byte)' ');
        ReadOnlySpan<byte> text = afterTime < 0 ? [] : record[(afterKind + afterTime + 2)..];
        if (text.EndsWith("\r"u8)) text = text[..^1];
        output.Write(stream, Encoding.UTF8.GetString(text));
    }

    private FileStream? Open()
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }
}
