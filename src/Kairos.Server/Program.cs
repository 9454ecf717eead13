using System.Globalization;
using Kairos.Server.Access;
using Kairos.Server.Consumers;
using Kairos.Server.Hosting;

// "users …" administers users on the store without starting the server: how the first admin is created.
if (args is ["users", ..]) return await UserAdminCommand.RunAsync(args[1..]);

// What the server and its workers record on their own (planned skips, failure details, logs) is in English whatever
// LANG says, so that the store reads the same for everyone; each API request and console page follows its own
// Accept-Language.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

// "worker <consumer>" runs one member of a configured consumer's group: what the supervisor (or a Kubernetes pod) starts.
if (args is ["worker", ..]) return await ConsumerWorkerCommand.RunAsync(args[1..]);

var app = KairosServer.Build(args);
await app.RunAsync();
return 0;
