namespace Kairos.Core.Ports;

/// <summary>Receives an attempt's output line by line; lines become readable through the API while the run goes on.</summary>
public interface IRunOutput
{
    void Write(LogStream stream, string line);
}
