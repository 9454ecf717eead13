using System.CommandLine;
using Kairos.Cli.Keda;

namespace Kairos.Cli.Commands;

internal static class KedaCommand
{
    public static Command Build()
    {
        var consumer = new Argument<string>("consumer") { Description = CliText.Get("keda.argument") };
        var image = new Option<string>("--image") { Description = CliText.Get("keda.option.image"), DefaultValueFactory = _ => "kairos:latest" };
        var ns = new Option<string>("--namespace", "-n") { Description = CliText.Get("keda.option.namespace"), DefaultValueFactory = _ => "default" };
        var bootstrap = new Option<string?>("--bootstrap") { Description = CliText.Get("keda.option.bootstrap") };
        var command = new Command("keda", CliText.Get("keda.description"))
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
                    await Console.Error.WriteLineAsync(CliText.Get("keda.embedded"));
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
