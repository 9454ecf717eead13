using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Kairos.Server.Api;

namespace Kairos.Server.Access;

/// <summary>User administration, for admins. The first admin is made offline by <c>kairos users add</c>, never by a default password.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Access").RequireAuthorization(AccessPolicies.Admin);
        users.MapGet("/", async (IKairosStore store, CancellationToken ct) => TypedResults.Ok((await store.Users.ListAsync(ct)).Select(u => u.ToDto()).ToList()))
            .WithSummary("Every user with role and owner scope (admin)");
        users.MapPost("/", AddAsync).WithSummary("Add a user (admin)");
        users.MapPatch("/{name}", ChangeAsync).WithSummary("Change a user's role, owners, password, or disable them (admin)");
    }

    private static async Task<IResult> AddAsync(NewUserRequest? body, HttpContext http, IKairosStore store, AccessOptions options, TimeProvider clock, CancellationToken ct)
    {
        var (user, field, error) = UserAccounts.Create(body ?? new NewUserRequest(null, null, null), options.MinimumPasswordLength, clock.GetUtcNow());
        if (user is null) return Problems.Invalid(field, error);
        if (!await store.Users.AddAsync(user, ct)) return Problems.Conflict(ApiText.Get("Access.UserExists", user.Name));
        await http.AuditAsync("user.add", $"user:{user.Name}", after: user.Describe());
        return TypedResults.Created($"/api/users/{user.Name}", user.ToDto());
    }

    private static async Task<IResult> ChangeAsync(string name, UserChangeRequest? body, HttpContext http, IKairosStore store, AccessOptions options, TimeProvider clock, CancellationToken ct)
    {
        var user = await store.Users.GetAsync(name, ct);
        if (user is null) return Problems.NotFound(ApiText.Get("Access.UserNotFound", name));
        var (changed, field, error) = UserAccounts.Change(user, body ?? new UserChangeRequest(), options.MinimumPasswordLength, clock.GetUtcNow());
        if (changed is null) return Problems.Invalid(field, error);
        // An admin cannot lock everyone out by demoting or disabling the last admin.
        if (user.Role == Role.Admin && (changed.Role != Role.Admin || changed.Disabled) &&
            (await store.Users.ListAsync(ct)).Count(u => u.Role == Role.Admin && !u.Disabled) <= 1)
            return Problems.Conflict(ApiText.Get("Access.LastAdmin", name));
        await store.Users.UpdateAsync(changed, ct);
        await http.AuditAsync("user.change", $"user:{name}", body?.Password is null ? null : "password changed", null, user.Describe(), changed.Describe());
        return TypedResults.Ok(changed.ToDto());
    }
}
