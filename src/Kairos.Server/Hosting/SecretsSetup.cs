using Kairos.Core.Secrets;
using Kairos.Executors;

namespace Kairos.Server.Hosting;

/// <summary>Kairos:Secrets — where <c>${secret:name/key}</c> references are read.</summary>
public sealed class SecretsOptions
{
    /// <summary>One folder per secret, one file per key: how a Kubernetes Secret volume is laid out.</summary>
    public string Folder { get; set; } = LocalSecretSource.DefaultFolder;
}

internal static class SecretsSetup
{
    public static IServiceCollection AddKairosSecrets(this IServiceCollection services, SecretsOptions options) =>
        services.AddSingleton<ISecretSource>(new LocalSecretSource(Path.GetFullPath(options.Folder)));
}
