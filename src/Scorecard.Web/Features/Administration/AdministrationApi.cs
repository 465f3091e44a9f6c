using Scorecard.Domain.Accounts;
using Scorecard.Domain.Organisations;
using Scorecard.Web.Features.Reporting;

namespace Scorecard.Web.Features.Administration;

/// <summary>Accounts, roles and organisations over HTTP, for the administrator only (401 signed out, 403 otherwise).</summary>
public static class AdministrationApi
{
    public sealed record AccountRequest(string? Email, string? Role, string? Organisation);
    public sealed record RoleRequest(string? Role, string? Organisation);

    public static void MapAdministrationApi(this IEndpointRouteBuilder app)
    {
        // Grouped under /api so that the routes read /api/accounts, not /api/accounts/.
        var api = app.MapGroup("/api").WithTags("Administration").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/accounts", async (AccountAdministration admin, CancellationToken ct) =>
            TypedResults.Ok((await admin.AccountsAsync(ct)).Select(a => new
            {
                email = a.Email, lockedOut = a.LockedOut,
                roles = a.Roles.Select(r => new { role = Roles.Format(r.Role), organisation = r.Organisation }),
            })))
            .WithSummary("Every account with its roles.");
        api.MapPost("/accounts", async (AccountRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            var password = await admin.AddAccountAsync(body.Email, body.Role, body.Organisation, ct);
            return TypedResults.Created((string?)null, new { email = body.Email!.Trim(), password });
        }).WithSummary("Create an account with a role: {\"email\": …, \"role\": \"reporter\", \"organisation\": \"環保局\"}; answers with a generated password, shown once.");
        api.MapPost("/accounts/{email}/password-reset", async (string email, AccountAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(new { email, password = await admin.ResetPasswordAsync(email, ct) }))
            .WithSummary("Give an account a new generated password and lift its lockout.");
        api.MapPost("/accounts/{email}/roles", async (string email, RoleRequest body, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.GrantAsync(email, body.Role, body.Organisation, ct);
            return TypedResults.NoContent();
        }).WithSummary("Give an account another role: {\"role\": \"viewer\", \"organisation\": \"臺北市政府\"}.");
        api.MapDelete("/accounts/{email}/roles/{role}", async (string email, string role, string? organisation, AccountAdministration admin, CancellationToken ct) =>
        {
            await admin.RevokeAsync(email, role, organisation, ct);
            return TypedResults.NoContent();
        }).WithSummary("Take a role away (?organisation=… for a role with one).");

        api.MapPost("/organisations", async (OrganisationInput body, AccountAdministration admin, HttpResponse response, CancellationToken ct) =>
        {
            var o = await admin.AddOrganisationAsync(body, ct);
            response.Headers.ETag = $"\"{o.Version}\"";
            return TypedResults.Created((string?)null, Shape(o));
        }).WithSummary("Add an organisation: {\"name\": \"臺北市政府資訊局\", \"level\": \"bureau\", \"parent\": \"臺北市政府\", \"aliases\": [\"資訊局\"]}.");
        api.MapPut("/organisations/{name}", async (string name, OrganisationInput body, AccountAdministration admin, HttpRequest request, CancellationToken ct) =>
        {
            var o = await admin.EditOrganisationAsync(name, body, SubmissionCommands.ParseIfMatch(request.Headers.IfMatch), ct);
            request.HttpContext.Response.Headers.ETag = $"\"{o.Version}\"";
            return TypedResults.Ok(Shape(o));
        }).WithSummary("Rename an organisation or change its level, parent or aliases.");
    }

    static object Shape(Organisation o) => new
    {
        name = o.Name, level = OrganisationTree.FormatLevel(o.Level), parent = o.Parent?.Name, aliases = o.Aliases, version = o.Version,
    };
}
