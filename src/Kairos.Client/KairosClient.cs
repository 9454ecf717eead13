using Kairos.Client.Contracts;

namespace Kairos.Client;

/// <summary>
/// The Kairos REST API for .NET services and the CLI. Every call is asynchronous; refusals throw
/// <see cref="KairosApiException"/> with the server's code and message.
/// </summary>
/// <example>
/// <code>
/// using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5080") };
/// var kairos = new KairosClient(http);
/// await kairos.HoldAsync("fx-rates", "partner maintenance tonight");
/// </code>
/// </example>
public sealed class KairosClient(HttpClient http)
{
    private readonly ApiTransport _api = new(http);

    /// <summary>Creates an API token with a user name and password (no sign-in needed), or for the signed-in caller.</summary>
    public Task<TokenCreatedDto> CreateTokenAsync(TokenRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TokenCreatedDto>(HttpMethod.Post, "api/auth/tokens", request, cancellationToken);

    /// <summary>Revokes a token: one's own, or anyone's as admin.</summary>
    public Task RevokeTokenAsync(long id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/auth/tokens/{id}", cancellationToken);

    /// <summary>Changes a user's role, owners, password or disabled state (admin).</summary>
    public Task<UserDto> PatchUserAsync(string name, UserChangeRequest change, CancellationToken cancellationToken = default) =>
        SendAsync<UserDto>(HttpMethod.Patch, $"api/users/{Uri.EscapeDataString(name)}", change, cancellationToken);

    /// <summary>Who the client is signed in as.</summary>
    public Task<MeDto> MeAsync(CancellationToken cancellationToken = default) => GetAsync<MeDto>("api/auth/me", cancellationToken);

    /// <summary>Every job with its state.</summary>
    public Task<List<JobDto>> ListJobsAsync(CancellationToken cancellationToken = default) => GetAsync<List<JobDto>>("api/jobs", cancellationToken);

    /// <summary>One job; not-found when there is none.</summary>
    public Task<JobDto> GetJobAsync(string id, CancellationToken cancellationToken = default) => GetAsync<JobDto>($"api/jobs/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>Creates or replaces a job from its definition; validation problems come back per field.</summary>
    public Task<JobDto> PutJobAsync(JobDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return SendAsync<JobDto>(HttpMethod.Put, $"api/jobs/{Uri.EscapeDataString(definition.Id ?? "")}", definition, cancellationToken);
    }

    /// <summary>Creates or replaces a job, recording <paramref name="reason"/> with the version it makes.</summary>
    public Task<JobDto> PutJobAsync(JobDefinition definition, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var query = string.IsNullOrWhiteSpace(reason) ? "" : $"?reason={Uri.EscapeDataString(reason)}";
        return SendAsync<JobDto>(HttpMethod.Put, $"api/jobs/{Uri.EscapeDataString(definition.Id ?? "")}{query}", definition, cancellationToken);
    }

    /// <summary>The job's definition versions, newest first, with who, when, why and which fields changed; they outlive the job.</summary>
    public Task<List<JobVersionDto>> ListJobVersionsAsync(string id, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<List<JobVersionDto>>($"api/jobs/{Uri.EscapeDataString(id)}/versions?limit={limit}", cancellationToken);

    /// <summary>The job's definition at one version, with credentials masked unless the caller is an admin.</summary>
    public Task<JobVersionDetailDto> GetJobVersionAsync(string id, int version, CancellationToken cancellationToken = default) =>
        GetAsync<JobVersionDetailDto>($"api/jobs/{Uri.EscapeDataString(id)}/versions/{version}", cancellationToken);

    /// <summary>The job's next slots and recent runs, with the reason for each skipped slot.</summary>
    public Task<ExplainDto> ExplainAsync(string id, int next = 10, int recent = 10, CancellationToken cancellationToken = default) =>
        GetAsync<ExplainDto>($"api/jobs/{Uri.EscapeDataString(id)}/explain?next={next}&recent={recent}", cancellationToken);

    /// <summary>Holds a job: its slots are skipped (reason held) until it is released.</summary>
    public Task<JobDto> HoldAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync<JobDto>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/hold", new ActionRequest(reason), cancellationToken);

    /// <summary>Releases a held job.</summary>
    public Task<JobDto> ReleaseAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync<JobDto>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/release", new ActionRequest(reason), cancellationToken);

    /// <summary>Runs a job now, for the given business date (yyyy-MM-dd) or today's.</summary>
    public Task<RunCreatedDto> TriggerAsync(string id, string? businessDate = null, string? reason = null, CancellationToken cancellationToken = default) =>
        TriggerAsync(id, businessDate, reason, confirmClosedDay: false, cancellationToken);

    /// <summary>Runs a job now; <paramref name="confirmClosedDay"/> confirms a business date its calendar closed.</summary>
    public Task<RunCreatedDto> TriggerAsync(string id, string? businessDate, string? reason, bool confirmClosedDay, CancellationToken cancellationToken = default) =>
        SendAsync<RunCreatedDto>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/trigger", new TriggerRequest(businessDate, reason, confirmClosedDay), cancellationToken);

    /// <summary>Runs, newest first, optionally of one job and in one state; beforeId pages back.</summary>
    public Task<List<RunDto>> ListRunsAsync(string? jobId = null, string? state = null, long? beforeId = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { $"limit={limit}" };
        if (jobId is not null) query.Add($"job={Uri.EscapeDataString(jobId)}");
        if (state is not null) query.Add($"state={Uri.EscapeDataString(state)}");
        if (beforeId is not null) query.Add($"before={beforeId}");
        return GetAsync<List<RunDto>>("api/runs?" + string.Join('&', query), cancellationToken);
    }

    /// <summary>One run.</summary>
    public Task<RunDto> GetRunAsync(long id, CancellationToken cancellationToken = default) => GetAsync<RunDto>($"api/runs/{id}", cancellationToken);

    /// <summary>The Kafka message an event-triggered run was created for.</summary>
    public Task<TriggerMessageDto> GetRunMessageAsync(long id, CancellationToken cancellationToken = default) => GetAsync<TriggerMessageDto>($"api/runs/{id}/message", cancellationToken);

    /// <summary>Every configured consumer: topic, handler, lag, workers and the scaling rule's reason.</summary>
    public Task<List<ConsumerDto>> GetConsumersAsync(CancellationToken cancellationToken = default) => GetAsync<List<ConsumerDto>>("api/consumers", cancellationToken);

    /// <summary>One consumer.</summary>
    public Task<ConsumerDto> GetConsumerAsync(string name, CancellationToken cancellationToken = default) => GetAsync<ConsumerDto>($"api/consumers/{Uri.EscapeDataString(name)}", cancellationToken);

    /// <summary>A latest-value consumer's table.</summary>
    public Task<List<LatestValueDto>> GetLatestValuesAsync(string name, CancellationToken cancellationToken = default) => GetAsync<List<LatestValueDto>>($"api/consumers/{Uri.EscapeDataString(name)}/latest", cancellationToken);

    /// <summary>Every state change of a run.</summary>
    public Task<List<RunEventDto>> GetRunEventsAsync(long id, CancellationToken cancellationToken = default) => GetAsync<List<RunEventDto>>($"api/runs/{id}/events", cancellationToken);

    /// <summary>A run's output lines after sequence number <paramref name="after"/>.</summary>
    public Task<List<LogLineDto>> GetLogsAsync(long id, long after = 0, int limit = 1000, CancellationToken cancellationToken = default) =>
        GetAsync<List<LogLineDto>>($"api/runs/{id}/logs?after={after}&limit={limit}", cancellationToken);

    /// <summary>Kills a running run (SIGTERM, then SIGKILL), or cancels one that has not started.</summary>
    public Task<RunDto> KillAsync(long id, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync<RunDto>(HttpMethod.Post, $"api/runs/{id}/kill", new ActionRequest(reason), cancellationToken);

    /// <summary>Runs a finished run's job again for the same business date.</summary>
    public Task<RunCreatedDto> RerunAsync(long id, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync<RunCreatedDto>(HttpMethod.Post, $"api/runs/{id}/rerun", new ActionRequest(reason), cancellationToken);

    /// <summary>Marks a failed, timed-out or killed run succeeded; it may wait for a second person's approval.</summary>
    public Task<Gated<RunDto>> MarkSucceededAsync(long id, string reason, CancellationToken cancellationToken = default) =>
        _api.SendGatedAsync<RunDto>(HttpMethod.Post, $"api/runs/{id}/mark-succeeded", new ActionRequest(reason), cancellationToken);

    /// <summary>Skips the job's next slot that would run; it may wait for a second person's approval.</summary>
    public Task<Gated<RunDto>> SkipNextAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        _api.SendGatedAsync<RunDto>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/skip-next", new ActionRequest(reason), cancellationToken);

    /// <summary>Previews a backfill of the job's slots for business dates from..to.</summary>
    public async Task<BackfillDto> PreviewBackfillAsync(string id, string from, string to, CancellationToken cancellationToken = default) =>
        (await _api.SendGatedAsync<BackfillDto>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/backfill", new BackfillRequest(from, to), cancellationToken).ConfigureAwait(false)).Result!;

    /// <summary>Creates the runs a backfill preview showed; it may wait for a second person's approval.</summary>
    public Task<Gated<BackfillDto>> BackfillAsync(string id, string from, string to, string reason, CancellationToken cancellationToken = default) =>
        _api.SendGatedAsync<BackfillDto>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/backfill", new BackfillRequest(from, to, reason, Confirm: true), cancellationToken);

    /// <summary>Approvals, newest first; <paramref name="state"/> pending, approved, rejected or expired.</summary>
    public Task<List<ApprovalDto>> ListApprovalsAsync(string? state = null, CancellationToken cancellationToken = default) =>
        GetAsync<List<ApprovalDto>>("api/approvals" + (state is null ? "" : $"?state={Uri.EscapeDataString(state)}"), cancellationToken);

    /// <summary>Approves another person's request and carries it out.</summary>
    public Task<ApprovalDto> ApproveAsync(long id, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync<ApprovalDto>(HttpMethod.Post, $"api/approvals/{id}/approve", new ActionRequest(reason), cancellationToken);

    /// <summary>Rejects a request (or withdraws one's own).</summary>
    public Task<ApprovalDto> RejectAsync(long id, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<ApprovalDto>(HttpMethod.Post, $"api/approvals/{id}/reject", new ActionRequest(reason), cancellationToken);

    /// <summary>Alerts sent, newest first, optionally about one run.</summary>
    public Task<List<AlertDto>> ListAlertsAsync(long? runId = null, CancellationToken cancellationToken = default) =>
        GetAsync<List<AlertDto>>("api/alerts" + (runId is null ? "" : $"?run={runId}"), cancellationToken);

    /// <summary>Where the server's Kafka is, and each partner's pace.</summary>
    public Task<KafkaStatusDto> GetKafkaAsync(CancellationToken cancellationToken = default) =>
        GetAsync<KafkaStatusDto>("api/kafka", cancellationToken);

    /// <summary>Every flow the caller may read, with its latest flow run's state.</summary>
    public Task<List<FlowDto>> ListFlowsAsync(CancellationToken cancellationToken = default) => GetAsync<List<FlowDto>>("api/flows", cancellationToken);

    /// <summary>One flow on one business date (yyyy-MM-dd): its state and each step's latest run.</summary>
    public Task<FlowRunDto> GetFlowRunAsync(string name, string businessDate, CancellationToken cancellationToken = default) =>
        GetAsync<FlowRunDto>($"api/flows/{Uri.EscapeDataString(name)}/runs/{Uri.EscapeDataString(businessDate)}", cancellationToken);

    /// <summary>Reruns a flow run from a step (and everything downstream of it); it may wait for a second person's approval.</summary>
    public Task<Gated<FlowRerunDto>> RerunFlowAsync(string name, string businessDate, string from, string reason, CancellationToken cancellationToken = default) =>
        _api.SendGatedAsync<FlowRerunDto>(HttpMethod.Post, $"api/flows/{Uri.EscapeDataString(name)}/runs/{Uri.EscapeDataString(businessDate)}/rerun", new FlowRerunRequest(from, reason), cancellationToken);

    /// <summary>What each job did on each of the latest business dates (default 30, until today in Seoul).</summary>
    public Task<DateGridDto> GetDateGridAsync(int? days = null, string? until = null, CancellationToken cancellationToken = default) =>
        GetAsync<DateGridDto>("api/grid" + Query(("days", days?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("until", until)), cancellationToken);

    /// <summary>Conditions set for business dates from..to (the server's default range when null).</summary>
    public Task<List<ConditionDto>> ListConditionsAsync(string? from = null, string? to = null, CancellationToken cancellationToken = default) =>
        GetAsync<List<ConditionDto>>("api/conditions" + Query(("from", from), ("to", to)), cancellationToken);

    /// <summary>Sets a condition for a business date: the steps waiting for it start.</summary>
    public Task<ConditionDto> SetConditionAsync(string name, string businessDate, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<ConditionDto>(HttpMethod.Put, $"api/conditions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(businessDate)}", new ActionRequest(reason), cancellationToken);

    /// <summary>Removes a condition; steps it already released are not called back.</summary>
    public Task RemoveConditionAsync(string name, string businessDate, string reason, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"api/conditions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(businessDate)}?reason={Uri.EscapeDataString(reason)}", cancellationToken);

    /// <summary>Explain, with the job's dependencies judged for <paramref name="businessDate"/> (the server picks a date when null).</summary>
    public Task<ExplainDto> ExplainAsync(string id, int next, int recent, string? businessDate, CancellationToken cancellationToken = default) =>
        GetAsync<ExplainDto>($"api/jobs/{Uri.EscapeDataString(id)}/explain" + Query(("next", $"{next}"), ("recent", $"{recent}"), ("date", businessDate)), cancellationToken);

    private static string Query(params (string Name, string? Value)[] values)
    {
        var given = values.Where(v => v.Value is not null).Select(v => $"{v.Name}={Uri.EscapeDataString(v.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join("&", given);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) => _api.GetAsync<T>(path, cancellationToken);

    private Task<T> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken) => _api.SendAsync<T>(method, path, body, cancellationToken);
}
