using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests.Robustness;

/// <summary>
/// What a refused request must not change: jobs (their definitions and hold), runs (which exist, and the outcome of
/// those that ended), approvals, calendar overrides, users, tokens, and the audit log apart from its records of
/// refusals. What the scheduler changes by itself (watermarks, runs moving on to their end) is left out.
/// </summary>
internal sealed record StoreSnapshot(string Jobs, IReadOnlyDictionary<long, string> Runs, string Approvals, string Calendars, string Users,
    IReadOnlyList<AuditEntry> LatestAudit)
{
    public static async Task<StoreSnapshot> TakeAsync(ServerFixture server)
    {
        var store = server.App.Services.GetRequiredService<IKairosStore>();
        var jobs = (await store.Jobs.ListAsync()).Select(j => $"{j.Id}|{JobJson.Serialize(j.Definition.ToDefinition())}|{j.Held}|{j.HeldReason}");
        var approvals = (await store.Approvals.ListAsync(null, 1000)).Select(a => $"{a.Id}|{a.State}");
        var calendars = (await store.Calendars.ListAsync()).Select(c => c.ToString());
        var users = (await store.Users.ListAsync()).Select(u => $"{u.Name}|{u.Role}|{u.Disabled}|{string.Join(',', u.Owners)}|{u.PasswordHash}")
            .Concat((await store.Users.TokensAsync(null)).Select(t => $"token {t.Id}|{t.UserName}|{t.RevokedAt}"));
        return new(Join(jobs), await RunsAsync(store), Join(approvals), Join(calendars), Join(users), await store.Audit.ListAsync(null, 50)); // a request adds one or two
    }

    /// <summary>What differs from <paramref name="before"/>, or null when nothing a refused request may not change did.</summary>
    public string? Difference(StoreSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (Jobs != before.Jobs) return "jobs";
        if (Approvals != before.Approvals) return "approvals";
        if (Calendars != before.Calendars) return "calendar overrides";
        if (Users != before.Users) return "users";
        var lastAudit = before.LatestAudit.Count == 0 ? 0 : before.LatestAudit.Max(a => a.Id);
        if (LatestAudit.Where(a => a.Id > lastAudit && !IsRefusal(a.Action)).Select(a => a.Action).ToList() is { Count: > 0 } audited)
            return "audit log: " + string.Join(", ", audited);
        if (Runs.Keys.Except(before.Runs.Keys).ToList() is { Count: > 0 } added) return $"runs added: {string.Join(", ", added)}";
        var changed = before.Runs.Where(r => r.Value != "active" && Runs.TryGetValue(r.Key, out var now) && now != r.Value).Select(r => r.Key).ToList();
        return changed.Count > 0 ? $"runs {string.Join(", ", changed)}" : null;
    }

    // The latest thousand runs: a refused request would add one (the newest) or change one the probes name (recent).
    private static async Task<Dictionary<long, string>> RunsAsync(IKairosStore store) =>
        (await store.Runs.ListAsync(new RunQuery(Limit: 1000))).ToDictionary(r => r.Id, r => r.State.IsFinal() ? $"{r.State}|{r.Attempt}" : "active");

    // Refusals are recorded by design: the request log (http.*) and failed sign-ins.
    private static bool IsRefusal(string action) => action.StartsWith("http.", StringComparison.Ordinal) || action == "auth.login-failed";

    private static string Join(IEnumerable<string> rows) => string.Join('\n', rows.Order(StringComparer.Ordinal));
}
