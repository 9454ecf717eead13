namespace Kairos.Consumers.Worker;

/// <summary>What <c>--help</c> prints. The worker's own output is in English, as the server's is.</summary>
internal static class WorkerUsage
{
    public const string Program = "kairos-worker";

    public const string Short = "usage: kairos-worker <consumer> [--config FILE] [--data DIR | --postgres CONNECTION] [--Kairos:Kafka:BootstrapServers HOST:PORT] [--Kairos:...=value] (--help)";

    public const string Text = """
        usage: kairos-worker <consumer> [options]      (dotnet kairos-worker.dll, beside Kairos.Server.dll)

        Runs one member of the group of the consumer configured under Kairos:Consumers:<consumer>, until SIGTERM, which
        commits what it processed and leaves the group. The server's supervisor starts these; so does a Kubernetes pod.

        options:
          --config FILE     settings in appsettings form, where the consumer is defined   Kairos:ConfigFile
          --data DIR        the SQLite store's folder (default .data)                     Kairos:DataPath
          --postgres CS     a PostgreSQL connection string instead of SQLite              Kairos:Postgres
          -h, --help        print this and exit

        Kairos:Kafka:BootstrapServers is required: a worker joins an existing cluster. Any Kairos:* setting can be given
        as --Kairos:Section:Name value (or =value), or in the environment as Kairos__Section__Name=value.

        """;
}
