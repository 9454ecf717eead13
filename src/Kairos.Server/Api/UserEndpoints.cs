using Kairos.Client.Contracts;
using Kairos.Core.Ports;
using Kairos.Server.Access;
using Kairos.Server.Operations.Users;

namespace Kairos.Server.Api;

/// <summary>User administration, for admins. The first admin is made offline by <c>kairos users add</c>, never by a default password.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Access").RequireAuthorization(AccessPolicies.Admin);
        users.MapGet("/", async (IKairosStore store, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok((await store.Users.ListAsync(ct)).Select(u => u.ToDto(clock.GetUtcNow())).ToList()))
            .WithName("ListUsers").WithSummary("Every user with role and owner scope (admin)");
        users.MapPost("/", async (NewUserRequest? body, HttpContext http, UserAdministration users, CancellationToken ct) =>
                (await users.AddAsync(http.AsActor(), body, ct)).ToResult(added => TypedResults.Created($"/api/users/{added.User.Name}", added.User.ToDto(added.At))))
            .WithName("AddUser").Produces<UserDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Add a user (admin)");
        users.MapPatch("/{name}", async (string name, UserChangeRequest? body, HttpContext http, UserAdministration users, CancellationToken ct) =>
                (await users.ChangeAsync(http.AsActor(), name, body, ct)).ToResult(changed => TypedResults.Ok(changed.User.ToDto(changed.At))))
            .WithName("ChangeUser").Produces<UserDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Change a user's role, owners, password, disable them or lift a lockout (admin)");
    }
}
