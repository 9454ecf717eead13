using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Operations;

namespace Kairos.Server.Api;

/// <summary>
/// What one caller may read. Admins see every job and the definitions as stored; everyone else sees credentials
/// masked. With <see cref="AccessOptions.OwnerScopedReads"/>, a non-admin with owners reads only their owners' jobs and
/// everything of those jobs; the rest answers as if it did not exist.
/// </summary>
internal sealed class ReadScope(Caller? caller, bool ownerScopedReads)
{
    public static ReadScope Of(HttpContext http) =>
        new(http.Caller(), http.RequestServices.GetRequiredService<AccessOptions>().OwnerScopedReads);

    /// <summary>Whether the caller sees definitions and logs unmasked.</summary>
    public bool SeesCredentials => caller?.IsAtLeast(Role.Admin) == true;

    /// <summary>Whether some jobs are hidden from the caller.</summary>
    public bool IsScoped => ownerScopedReads && caller is { Owners.Count: > 0 } && !SeesCredentials;

    public bool MayRead(string? jobOwner) => !IsScoped || caller!.MayActOn(jobOwner);

    public bool MayRead(JobRecord? job) => job is not null && MayRead(OwnerOf(job));

    public async Task<bool> MayReadJobAsync(string jobId, IKairosStore store, CancellationToken ct) =>
        !IsScoped || MayRead(await store.Jobs.GetAsync(jobId, ct));

    /// <summary>The jobs the caller may read; null when that is every job.</summary>
    public async Task<IReadOnlyList<string>?> ReadableJobIdsAsync(IKairosStore store, CancellationToken ct) =>
        IsScoped ? [.. (await store.Jobs.ListAsync(ct)).Where(MayRead).Select(j => j.Id)] : null;

    private static string? OwnerOf(JobRecord job) => OwnerScope.OwnerOf(job);
}
