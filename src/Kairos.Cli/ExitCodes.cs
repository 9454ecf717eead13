namespace Kairos.Cli;

/// <summary>Exit codes scripts can rely on. They are part of the CLI's contract; see docs/cli.md.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran and the answer is "no": invalid definitions, a failed run.</summary>
    public const int Failed = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
    /// <summary>No such job or run.</summary>
    public const int NotFound = 3;
    /// <summary>The server refused: bad input or a state that does not allow it.</summary>
    public const int Refused = 4;
    /// <summary>The server could not be reached.</summary>
    public const int Unreachable = 5;
    /// <summary>Not signed in, or the role does not allow it.</summary>
    public const int NotAllowed = 6;
    /// <summary>The action was accepted but waits for a second person's approval (four eyes).</summary>
    public const int AwaitingApproval = 7;
}
