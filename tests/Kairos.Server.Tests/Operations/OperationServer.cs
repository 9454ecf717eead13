using Kairos.Core.Access;
using Microsoft.Extensions.DependencyInjection;
using Kairos.Server.Operations;

namespace Kairos.Server.Tests.Operations;

/// <summary>
/// One server for a class of operation tests, with job.hold needing approval. The tests take operations from its
/// services and call them with an actor of their making: no HTTP request, no sign-in.
/// </summary>
public sealed class OperationServer : IAsyncLifetime
{
    public ServerFixture Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerFixture.StartAsync(
        new[] { "approved", "refused", "scoped", "released", "viewed" }.ToDictionary(id => $"{id}.yaml",
            id => $"id: {id}\nowner: settlement\nschedule: {{ cron: '0 9 * * *', calendar: KR-BANK, days: business-days }}\naction: {{ noop: true }}\n"),
        extraArgs: ["--Kairos:Approvals:Require:0", "job.hold"]);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    internal T Get<T>() where T : notnull => Server.App.Services.GetRequiredService<T>();

    internal static Actor Operator(string name, params string[] owners) => new(new Caller(name, Role.Operator, owners), "test");
}
