namespace Kairos;

/// <summary>
/// Folders and files that only the account running Kairos may read: the store holds password hashes, token hashes
/// and the (encrypted) keys behind session cookies, and the data folder holds the journal of every running command.
/// A group- or world-readable copy of them let any local user forge an admin session. Compiled into each project
/// that creates such files (linked, not referenced), so the rule has one definition.
/// </summary>
internal static class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersAndGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the folder owner-only, or takes group and other access away from one that exists: Kairos owns its data
    /// folder, and one made by an older version (or by hand) must not stay open. Returns whether it had to tighten.
    /// </summary>
    public static bool EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(path); return false; }
        if (!Directory.Exists(path))
        {
            // Each missing level owner-only: CreateDirectory applies the mode to the last one only.
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent && !Directory.Exists(parent)) EnsureFolder(parent);
            Directory.CreateDirectory(path, FolderMode);
            return false;
        }
        return Tighten(path, File.GetUnixFileMode(path));
    }

    /// <summary>
    /// Creates an empty file owner-only if it does not exist (so a later writer never creates it readable), or tightens
    /// one that exists. Returns whether it had to tighten.
    /// </summary>
    public static bool EnsureFile(string path)
    {
        if (OperatingSystem.IsWindows()) { using (File.Open(path, System.IO.FileMode.OpenOrCreate, FileAccess.Write)) return false; }
        if (!File.Exists(path))
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
                return false;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; tighten theirs below.
            }
        }
        return Tighten(path, File.GetUnixFileMode(path));
    }

    /// <summary>Tightens a file only if it exists (a SQLite -wal or -shm file left by an older version).</summary>
    public static bool TightenIfPresent(string path) =>
        !OperatingSystem.IsWindows() && File.Exists(path) && Tighten(path, File.GetUnixFileMode(path));

    /// <summary>Writes a new file whose contents must never be readable by others, even for an instant.</summary>
    public static void WriteNewFile(string path, byte[] contents)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        using var stream = new FileStream(path, options);
        stream.Write(contents);
        stream.Flush(flushToDisk: true);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool Tighten(string path, UnixFileMode mode)
    {
        if ((mode & OthersAndGroup) == 0) return false;
        File.SetUnixFileMode(path, mode & ~OthersAndGroup);
        return true;
    }
}
