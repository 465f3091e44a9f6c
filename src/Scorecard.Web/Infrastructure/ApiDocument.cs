using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, complete enough for a generated client: every operation has
/// an operationId, a summary and a description (given where it is mapped); its parameters are described
/// here, once, by name, so the same word means the same thing everywhere; errors are problem details;
/// writes that take If-Match say so. The test suite lints it with Spectral and type-checks a client
/// generated from it.
/// </summary>
public static class ApiDocument
{
    public static IServiceCollection AddScorecardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                DescribeOperation(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
                    DescribeProblem(schema);
                if (context.ParameterDescription is not null)
                    MayLeaveOut(schema);
                return Task.CompletedTask;
            });
        });

    /// <summary>The endpoint answers these statuses with problem details (RFC 7807, application/problem+json).</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }

    /// <summary>The endpoint takes the row's ETag in If-Match and answers 412 when someone saved it since.</summary>
    public static TBuilder ChecksIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchHeader()).Problems(StatusCodes.Status412PreconditionFailed);

    sealed class IfMatchHeader;

    static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Scorecard API",
            Version = "1",
            Description =
                "策略地圖與平衡計分卡 (strategy maps and balanced scorecards) of a city government: maps, KPIs, targets and " +
                "actuals, the quarterly reporting cycle (填報, 審核, 發布), the year-end evaluation (年度自評), 滾動修正, " +
                "reports and open data. Years are ROC years (107 = 2018). Reads of published figures need no account; " +
                "everything else needs a bearer token from POST /api/account/login. Errors are problem details " +
                "(application/problem+json) whose title and detail are in Traditional Chinese, with `field` naming the " +
                "input at fault (422). Every write is all or nothing.",
            Contact = new OpenApiContact { Name = "Scorecard" },
        };
        // The generator states the server as the request's base address with a trailing slash; paths already begin with one.
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken POST /api/account/login answers with. The pages use a cookie instead.",
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            tag.Description = TagDescriptions.GetValueOrDefault(tag.Name ?? "");
    }

    const string Bearer = "bearer";

    static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Accounts"] = "Signing in and who is signed in.",
        ["Administration"] = "Accounts, roles and organisations; for the administrator only.",
        ["Organisations"] = "The city's organisations and the years each has a map for.",
        ["Maps"] = "Strategy maps drawn, and KPI search.",
        ["Scoring"] = "Where KPIs stand: roll-ups and the leadership dashboard.",
        ["Editing"] = "A map's definition: statement, themes, objectives, links, KPIs, targets, action plans, settings, 修改紀錄.",
        ["Reporting"] = "The quarterly cycle: periods opened, actuals entered, submitted, reviewed and published; 我的待辦.",
        ["Evaluation"] = "The year-end evaluation (年度自評): self-assessments entered, reviewed and finalized.",
        ["Revisions"] = "滾動修正: next year's draft, its derived changes with reasons, 移列, publishing.",
        ["Reports"] = "The city's documents (施政報告, 議會報告, 成果報告, 平衡計分卡) made from published figures.",
        ["Interchange"] = "Whole maps in and out: the JSON interchange format and BSC workbooks.",
        ["Open data"] = "Published figures for anyone, as CSV or JSON (政府資料開放授權條款).",
    };

    static void DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var route = context.Description.RelativePath ?? "";
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            parameter.Description ??= DescribeParameter(parameter.Name ?? "", parameter.In, route);

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IfMatchHeader>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The ETag the row was read with (\"12\"). Without it the write goes ahead; with a stale one nothing is saved and the answer is 412 naming who changed it.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];

        // The write gate's and the signed-out read limit's answers (issue 32 §3, §9), on the routes they guard.
        var method = context.Description.HttpMethod ?? "GET";
        var write = method is not ("GET" or "HEAD") && route.StartsWith("api/", StringComparison.Ordinal) && !route.StartsWith("api/account", StringComparison.Ordinal);
        var kept = metadata.Any(m => m is Microsoft.AspNetCore.OutputCaching.OutputCacheAttribute or Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy);
        if ((write || kept) && operation.Responses?.Values.OfType<OpenApiResponse>().FirstOrDefault(r => r.Content?.ContainsKey("application/problem+json") == true) is { } problem)
        {
            foreach (var status in write ? ["401", "403", "413", "429"] : new[] { "429" })
                operation.Responses.TryAdd(status, new OpenApiResponse { Content = problem.Content });
        }

        foreach (var (status, response) in operation.Responses ?? [])
            if (response is OpenApiResponse r && StatusDescriptions.TryGetValue(status, out var words))
                r.Description = words;
    }

    static readonly Dictionary<string, string> StatusDescriptions = new()
    {
        ["400"] = "The request breaks a rule of the map or the file cannot be read; nothing was changed.",
        ["401"] = "Not signed in: sign in with POST /api/account/login and send the token.",
        ["403"] = "Signed in without a role that allows this; the detail says which role is needed.",
        ["404"] = "No such organisation, map, row or period, or one the user may not see.",
        ["409"] = "The state does not allow this (a closed period, a published entry), or someone saved the same rows at the same moment; nothing was changed.",
        ["412"] = "The row was changed since it was read (stale If-Match); changedBy and changedAt say by whom and when; nothing was saved.",
        ["413"] = "The body is over the limit (Scorecard:Api:MaxBodyMegabytes for JSON, Scorecard:Uploads:MaxMegabytes for an import); nothing was read into the database.",
        ["422"] = "Bad input; field names it and detail says what is expected; nothing was changed.",
        ["429"] = "Too many requests: sign-ins per address (Scorecard:SignIn:PerMinute), writes per account (Scorecard:Writes:PerMinute) or signed-out answers made anew per address (Scorecard:PublicReads:PerMinute); Retry-After and retryAfter say in how many seconds to try again.",
    };

    /// <summary>What a parameter means, by its name; a code's meaning depends on the segment before it.</summary>
    static string? DescribeParameter(string name, ParameterLocation? location, string route) => name switch
    {
        "organisation" when location == ParameterLocation.Path =>
            "The organisation whose map it is: its id or its exact name (臺北市政府環境保護局).",
        "organisation" when route.StartsWith("api/dashboard") => "Narrow to one organisation's map (its name); the whole city when absent.",
        "organisation" => "The organisation the role is held for (its name); absent for a role without one.",
        "rocYear" when route.StartsWith("api/open-data") || route.StartsWith("api/rollups") => "The year of the figures, in ROC years (107 = 2018).",
        "rocYear" => "The map's plan year in ROC years (107 = 2018), or a later year the plan is in force for.",
        "valueRocYear" => "The year the figures are for, in ROC years (107 = 2018).",
        "period" when location == ParameterLocation.Path => "The period: Q1, Q2, Q3, Q4, H1, H2 or Y (the whole year).",
        "period" when route.Contains("/reports/") => "The period a 施政報告 or 議會報告 reports on (Q1 … Y); by default the latest with published figures, or the year.",
        "period" => "The period (Q1 … Q4, H1, H2, Y); by default the latest with published figures.",
        "year" => "The year in ROC years (107 = 2018); by default the latest with published figures.",
        "theme" => "Drill down to one theme (its code, A).",
        "objective" => "Drill down to one objective (its code, AC1); needs theme.",
        "code" when route.Contains("/themes/") => "The theme's code (A).",
        "code" when route.Contains("/objectives/") => "The objective's code (AC1).",
        "code" => "The KPI's code as printed (AC1.1).",
        "part" when location == ParameterLocation.Path => "The part (分項) of the KPI, numbered from 1 in its order.",
        "part" => "A part (分項) of the KPI, numbered from 1; absent for the KPI itself.",
        "planCode" => "The action plan's code (AC1.1.1).",
        "from" => "The code of the objective the link starts from (AL1).",
        "to" => "The code of the objective the link points to (AP1).",
        "email" => "The account's e-mail address.",
        "role" => "The role: administrator, planner, reporter or viewer.",
        "name" => "The organisation's current name.",
        "kind" => "Which document: policy (施政報告), council (議會報告), results (成果報告) or bsc (平衡計分卡).",
        "format" when route.StartsWith("api/open-data") => "csv (UTF-8 with BOM, for Excel) or json.",
        "format" => "docx (the default), html, or xlsx (bsc only).",
        "q" => "Words to find, separated by spaces; a KPI is found when its code, name, formula or owner holds every word.",
        _ => null,
    };

    /// <summary>
    /// In a request body, a member that may be null may also be left out: the handlers read it as null. (The
    /// generator marks every member of a record required, which would make a client send every field.)
    /// </summary>
    static void MayLeaveOut(OpenApiSchema schema)
    {
        if (schema.Required is null || schema.Properties is null)
            return;
        foreach (var (name, property) in schema.Properties)
            if (property.Type is { } type && type.HasFlag(JsonSchemaType.Null) || property.OneOf?.Any(o => o.Type == JsonSchemaType.Null) == true)
                schema.Required.Remove(name);
    }

    /// <summary>The extension members <see cref="ProblemMapper"/> adds, so a client can read them.</summary>
    static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Description = "A problem (RFC 7807): title says what happened and that nothing changed, detail says why, in Traditional Chinese.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["field"] = Text("422: the input at fault (value, deadline, period …).");
        schema.Properties["changedBy"] = Text("412: who saved the row since it was read.");
        schema.Properties["changedAt"] = Text("412: when they saved it.");
        schema.Properties["file"] = Text("400 on import: the file at fault.");
        schema.Properties["location"] = Text("400 on import: where in the file (a JSON path or a cell).");
        schema.Properties["reason"] = Text("400 on import: what is wrong there.");
    }

    static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description };
}
