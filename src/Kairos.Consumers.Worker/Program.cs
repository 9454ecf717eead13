using System.Globalization;
using Kairos.Consumers.Worker;

// What a worker records on its own (failure details, logs) is in English whatever LANG says, as the server's is, so
// that the store reads the same for everyone.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

return await WorkerHost.RunAsync(args, TimeProvider.System);
