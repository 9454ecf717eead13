namespace Kairos.Core.Ports;

public enum JobChangeKind
{
    Created,
    Changed,
    Deleted,
}
