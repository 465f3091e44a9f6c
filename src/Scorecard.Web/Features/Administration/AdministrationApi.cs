using Scorecard.Domain.Accounts;
using Scorecard.Domain.Organisations;
using Scorecard.Web.Features.Reporting;

using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Administration;

/// <summary>Accounts, roles and organisations over HTTP, for the administrator only (401 signed out, 403 otherwise).</summary>
public static class AdministrationApi
{
    public sealed record AccountRequest(string? Email, string? Role, string? Organisation);
    public sealed record RoleRequest(string? Role, string? Organisation);

    public static void MapAdministrationApi(this IEndpointRouteBuilder app)
    {
        // Grouped under /api so that the routes read /api/accounts, not /api/accounts/.
        var api = app.MapGroup("/api").WithTags("Administration").RequireAuthorization().DisableAntiforgery()
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/accounts", async (AccountAdministration admin, CancellationToken ct) =>
            TypedResults.Ok((await admin.AccountsAsync(ct)).Select(a => new AccountAnswer(
                a.Email, a.LockedOut, a.Roles.Select(r => new RoleAnswer(Roles.Format(r.Role), r.Organisation)).ToList())).ToList()))
            .WithName("listAccounts").WithSummary("Every account").WithDescription("Every account with its roles and whether it is locked out.");
        api.MapPost("/accounts", async (AccountRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            var password = await admin.AddAccountAsync(body.Email, body.Role, body.Organisation, ct);
            return TypedResults.Created((string?)null, new NewPassword(body.Email!.Trim(), password));
        }).WithName("addAccount").WithSummary("Create an account").WithDescription("Create an account with a role: {\"email\": …, \"role\": \"reporter\", \"organisation\": \"環保局\"}; answers with a generated password, shown once.");
        api.MapPost("/accounts/{email}/password-reset", async (string email, AccountAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(new NewPassword(email, await admin.ResetPasswordAsync(email, ct))))
            .WithName("resetPassword").WithSummary("Reset a password").WithDescription("Give an account a new generated password and lift its lockout.");
        api.MapPost("/accounts/{email}/roles", async (string email, RoleRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.GrantAsync(email, body.Role, body.Organisation, ct);
            return TypedResults.NoContent();
        }).WithName("grantRole").WithSummary("Give a role").WithDescription("Give an account another role: {\"role\": \"viewer\", \"organisation\": \"臺北市政府\"}.");
        api.MapDelete("/accounts/{email}/roles/{role}", async (string email, string role, string? organisation, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.RevokeAsync(email, role, organisation, ct);
            return TypedResults.NoContent();
        }).WithName("revokeRole").WithSummary("Take a role away").WithDescription("Take a role away (?organisation=… for a role with one).");

        api.MapPost("/organisations", async (OrganisationInput body, AccountAdministration admin, HttpResponse response, CancellationToken ct) =>
        {
            var o = await admin.AddOrganisationAsync(body, ct);
            EntityTags.Tag(response, o.Version);
            return TypedResults.Created((string?)null, Shape(o));
        }).WithName("addOrganisation").WithSummary("Add an organisation").WithDescription("Add an organisation: {\"name\": \"臺北市政府資訊局\", \"level\": \"bureau\", \"parent\": \"臺北市政府\", \"aliases\": [\"資訊局\"]}.");
        api.MapPut("/organisations/{name}", async (string name, OrganisationInput body, AccountAdministration admin, HttpRequest request, CancellationToken ct) =>
        {
            var o = await admin.EditOrganisationAsync(name, body, EntityTags.IfMatch(request), ct);
            EntityTags.Tag(request.HttpContext.Response, o.Version);
            return TypedResults.Ok(Shape(o));
        }).ChecksIfMatch().WithName("replaceOrganisation").WithSummary("Change an organisation").WithDescription("Rename an organisation or change its level, parent or aliases. A stale If-Match gets 412.");
    }

    static OrganisationAnswer Shape(Organisation o) => new(o.Name, OrganisationTree.FormatLevel(o.Level), o.Parent?.Name, o.Aliases, o.Version);
}

/// <summary>A role (administrator, planner, reporter, viewer) and the organisation it is held for (null for the administrator).</summary>
public sealed record RoleAnswer(string Role, string? Organisation);

/// <summary>An account: its e-mail, whether it is locked out, and its roles.</summary>
public sealed record AccountAnswer(string Email, bool LockedOut, IReadOnlyList<RoleAnswer> Roles);

/// <summary>A generated password, shown once.</summary>
public sealed record NewPassword(string Email, string Password);

/// <summary>An organisation: its name, level (city, bureau, district …), parent, short names, and version (the ETag).</summary>
public sealed record OrganisationAnswer(string Name, string Level, string? Parent, IReadOnlyList<string> Aliases, long Version);
