using System.CommandLine;

namespace Kairos.Cli.Commands;

internal static class KedaCommand
{
    public static Command Build()
    {
        var consumer = new Argument<string>("consumer") { Description = "A consumer configured under Kairos:Consumers, such as fx-relay" };
        var image = new Option<string>("--image") { Description = "The Kairos server image the workers run", DefaultValueFactory = _ => "kairos:latest" };
        var ns = new Option<string>("--namespace", "-n") { Description = "Kubernetes namespace", DefaultValueFactory = _ => "default" };
        var bootstrap = new Option<string?>("--bootstrap") { Description = "Kafka bootstrap servers as the cluster sees them (default: the server's own, unless it runs the embedded Kafka)" };
        var command = new Command("keda", "Print a Kubernetes Deployment and KEDA ScaledObject that run and scale a consumer's workers by the same rule as the local supervisor")
        {
            consumer, image, ns, bootstrap,
        };
        command.SetAction((parse, ct) => ServerCall.RunAsync(parse, async client =>
        {
            var found = await client.GetConsumerAsync(parse.GetValue(consumer)!, ct);
            var servers = parse.GetValue(bootstrap);
            if (servers is null)
            {
                var kafka = await client.GetKafkaAsync(ct);
                if (kafka.Embedded)
                {
                    // The embedded cluster lives inside one server process: no pod can reach it.
                    await Console.Error.WriteLineAsync("kairos: the server runs the embedded Kafka, which pods cannot reach; the manifest says kafka:9092 (give --bootstrap)");
                    servers = "kafka:9092";
                }
                else
                {
                    servers = kafka.BootstrapServers;
                }
            }
            Console.Out.Write(KedaManifest.Render(found, parse.GetValue(image)!, parse.GetValue(ns)!, servers));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
