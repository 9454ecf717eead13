using Kairos.Server.Access;
using Kairos.Server.Hosting;

// "users …" administers users on the store without starting the server: how the first admin is created.
if (args is ["users", ..]) return await UserAdminCommand.RunAsync(args[1..]);

var app = KairosServer.Build(args);
await app.RunAsync();
return 0;
