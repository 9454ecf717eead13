using System.Globalization;
using Kairos.Server.Access;
using Kairos.Server;
using Kairos.Hosting;
using Kairos.Server.Hosting;

// "users …" administers users on the store without starting the server: how the first admin is created.
if (args is ["users", ..]) return await UserAdminCommand.RunAsync(args[1..], TimeProvider.System);

// What the server records on their own (planned skips, failure details, logs) is in English whatever
// LANG says, so that the store reads the same for everyone; each API request and console page follows its own
// Accept-Language.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

// Consumer workers are an executable of their own; the word alone would get a bare "unexpected argument".
if (args is ["worker", ..])
{
    Console.Error.WriteLine("kairos server: a consumer worker is kairos-worker now: dotnet kairos-worker.dll <consumer> (beside Kairos.Server.dll)");
    return CommandLineCheck.Usage;
}

// --help, and a flag configuration would silently ignore, answer before anything (the data folder, a listener) is made.
if (CommandLineCheck.Check(args, KairosServer.Flags.Keys, "kairos server", ServerUsage.Server) is { } exit) return exit;

try
{
    var app = KairosServer.Build(args);
    await app.RunAsync();
    return 0;
}
catch (StartupRefusal refusal)
{
    Console.Error.WriteLine($"kairos: {refusal.Message}");
    return 2;
}
