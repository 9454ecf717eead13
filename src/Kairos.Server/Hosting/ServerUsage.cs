namespace Kairos.Server.Hosting;

/// <summary>What <c>--help</c> prints for the server. The server's own output is in English.</summary>
internal static class ServerUsage
{
    public const string Server = """
        usage: Kairos.Server [options]                  (./kairos server [options]; ./kairos up adds the examples)
               Kairos.Server users <command> [options]  user administration on the store, no server (users --help)

        Starts the scheduler, the API and the web console. Consumer workers are kairos-worker, beside this
        (dotnet kairos-worker.dll --help); the server's supervisor starts them.

        options:
          --jobs DIR        the job definition files to load and watch                Kairos:JobsPath
          --data DIR        SQLite, keys and command journals (default .data)          Kairos:DataPath
          --postgres CS     a PostgreSQL connection string instead of SQLite           Kairos:Postgres
          --node ID         this node's name among servers on one store                Kairos:NodeId
                            (default <machine>-<port>)
          --url URLS        where to listen, ';' between several                      urls
                            (default http://127.0.0.1:5080)
          --config FILE     settings in appsettings form (Kafka, consumers, alerts)    Kairos:ConfigFile
          -h, --help        print this and exit

        Any Kairos:* setting can be given as --Kairos:Section:Name value (or --Kairos:Section:Name=value), or in the
        environment as Kairos__Section__Name=value, e.g. --Kairos:Kafka:BootstrapServers host:9092 or
        Kairos__Access__MinimumPasswordLength=16. The command line wins over --config, which wins over the environment.

        """;
}
