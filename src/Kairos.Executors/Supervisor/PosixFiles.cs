using System.Runtime.InteropServices;

namespace Kairos.Executors;

/// <summary>The two file operations the BCL lacks: a write with O_APPEND, and setting a file's mtime to the kernel's now.</summary>
internal static partial class PosixFiles
{
    private const int WriteOnly = 0x1, AppendMode = 0x400, CloseOnExec = 0x80000;
    private const int AtCurrentDirectory = -100;

    /// <summary>
    /// Appends <paramref name="bytes"/> with one write(2) to a file opened with O_APPEND, so it lands whole after what
    /// other writers (kairos-supervise) appended before. The BCL's FileMode.Append seeks instead, which races.
    /// </summary>
    public static unsafe void Append(string path, ReadOnlySpan<byte> bytes)
    {
        var fd = Open(path, WriteOnly | AppendMode | CloseOnExec);
        if (fd < 0) throw new IOException($"cannot open {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        try
        {
            fixed (byte* start = bytes)
            {
                if (Write(fd, start, bytes.Length) != bytes.Length)
                    throw new IOException($"cannot append to {path}: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Sets the file's mtime to now by the kernel's clock, the one kairos-supervise compares it with.</summary>
    public static void Touch(string path)
    {
        if (UtimensAt(AtCurrentDirectory, path, 0, 0) != 0)
            throw new IOException($"cannot touch {path}: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "utimensat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UtimensAt(int directory, string path, nint times, int flags);
}
