namespace Kairos.Server.Access;

internal static partial class SingleSignOnLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through {Provider} refused at the callback: {Reason}")]
    public static partial void CallbackRefused(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through {Provider} could not start: the provider's metadata cannot be read")]
    public static partial void ProviderUnreachable(ILogger logger, string provider, Exception exception);
}
