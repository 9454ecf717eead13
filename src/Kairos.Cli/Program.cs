using Kairos.Cli;

return await KairosCli.RunAsync(args, TimeProvider.System);
