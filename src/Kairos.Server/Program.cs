using Kairos.Server.Hosting;

var app = KairosServer.Build(args);
await app.RunAsync();
