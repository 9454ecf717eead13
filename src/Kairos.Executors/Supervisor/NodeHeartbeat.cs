namespace Kairos.Executors;

/// <summary>
/// The file <c>&lt;root&gt;/&lt;node&gt;/heartbeat</c> whose modification time tells the supervisors of a node's commands
/// that the node is alive: once their node's process is gone, they wait for it to be touched again before they give up
/// and kill their command (see kairos-supervise.c).
/// </summary>
public static class NodeHeartbeat
{
    public static string PathOf(string root, string node) => Path.Combine(AttemptJournal.NodeFolder(root, node), "heartbeat");

    public static void Touch(string root, string node)
    {
        var path = PathOf(root, node);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) OwnerOnly.EnsureFolder(folder);
        if (!File.Exists(path)) OwnerOnly.EnsureFile(path);
        PosixFiles.Touch(path);
    }

    /// <summary>
    /// Touches the heartbeat of a node that ran here before, at the very start of its process: a restarted node needs
    /// a few seconds more before its scheduler starts touching it, and its supervisors give it only
    /// <see cref="CommandJournalOptions.OrphanAfter"/> from the last touch before the crash. False when the node
    /// never ran here, so there is nothing waiting for it; a failure to touch is left to the scheduler to report.
    /// </summary>
    public static bool TouchIfKnown(string root, string node)
    {
        try
        {
            var path = PathOf(root, node);
            if (!File.Exists(path)) return false;
            PosixFiles.Touch(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false; // a node name that cannot be a folder is refused later, with the usual error
        }
    }
}
