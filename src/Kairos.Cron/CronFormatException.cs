namespace Kairos.Cron;

/// <summary>Thrown by <see cref="CronExpression.Parse(string)"/> when an expression is not valid.</summary>
public sealed class CronFormatException : FormatException
{
    public CronFormatException(string message) : base(message) { }

    public CronFormatException(string message, Exception innerException) : base(message, innerException) { }

    public CronFormatException() { }
}
