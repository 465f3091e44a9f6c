using Scorecard.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 9 §5: the OpenAPI document describes every endpoint completely, Spectral's OpenAPI rules find
/// nothing in it, and a client generated from it by openapi-typescript type-checks and reads the running
/// server. The npm tools are those clients/typescript/package-lock.json pins; scripts/test installs them.
/// </summary>
[Collection(ServersCollection.Name)]
public class ApiDocumentScenarios(Servers servers)
{
    static readonly string ClientFolder = Path.Combine(Repository.Root, "clients", "typescript");

    [Fact]
    public async Task The_api_document_is_complete_lints_clean_and_a_generated_client_reads_the_server()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        var port = Loopback.FreePort();
        server.UseKestrel(port);
        server.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };

        var text = await http.GetStringAsync("/openapi/v1.json");
        var document = JsonNode.Parse(text)!;

        // Every /api endpoint the app maps is in the document, under its method.
        var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api") && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}").TrimEnd('/')}"))
            .ToHashSet();
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Key: $"{o.Key.ToUpperInvariant()} {p.Key}", Operation: o.Value!.AsObject())))
            .ToList();
        var documented = operations.Select(o => o.Key).ToHashSet();
        Assert.True(mapped.SetEquals(documented), $"Mapped, not documented: {string.Join("; ", mapped.Except(documented))}. Documented, not mapped: {string.Join("; ", documented.Except(mapped))}");

        var missing = new List<string>();
        foreach (var (key, operation) in operations)
        {
            foreach (var part in new[] { "operationId", "summary", "description" })
                if (string.IsNullOrWhiteSpace(operation[part]?.GetValue<string>())) missing.Add($"{key}: {part}");
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                if (string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>())) missing.Add($"{key}: description of {parameter["name"]}");
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var content = response!["content"]?.AsObject();
                if (status.StartsWith('2') && status != "204" && content?.Any(c => c.Value!["schema"] is not null) != true)
                    missing.Add($"{key}: schema of {status}");
                if (status[0] is '4' or '5' && content?["application/problem+json"] is null)
                    missing.Add($"{key}: {status} as problem details");
            }
        }
        Assert.Empty(missing);
        Assert.Equal(operations.Count, operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Distinct().Count());
        // The interchange format is part of the document: the export answers a MapFile, the import takes files.
        Assert.Equal("#/components/schemas/MapFile",
            document["paths"]!["/api/maps/{organisation}/{rocYear}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["KpiDto"]!["properties"]!["values"]);
        Assert.NotNull(document["paths"]!["/api/imports"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]);

        var generated = Directory.CreateDirectory(Path.Combine(ClientFolder, "generated")).FullName;
        await File.WriteAllTextAsync(Path.Combine(generated, "openapi.json"), text);

        var lint = await RunAsync("spectral", "lint", "--ruleset", ".spectral.yaml", "--fail-severity=hint", "generated/openapi.json");
        Assert.True(lint.Exit == 0, $"Spectral (spectral:oas) found problems in the API document:\n{lint.Output}");
        Assert.Contains("No results with a severity of 'hint' or higher found!", lint.Output);

        var types = await RunAsync("openapi-typescript", "generated/openapi.json", "-o", "generated/schema.d.ts");
        Assert.True(types.Exit == 0, types.Output);
        var check = await RunAsync("tsc", "--noEmit", "-p", ".");
        Assert.True(check.Exit == 0, $"read-api.ts does not type-check against the generated client:\n{check.Output}");
        var build = await RunAsync("tsc", "-p", ".");
        Assert.True(build.Exit == 0, build.Output);

        var run = await RunAsync("node", "out/read-api.js", baseUrl, "rdec@example.org", "Scorecard-demo-1");
        Assert.True(run.Exit == 0, $"read-api.js failed against the server:\n{run.Output}");
        var read = JsonNode.Parse(run.Output.Trim().Split('\n').Last())!;

        // What the script read is what the API answers the same questions with.
        Assert.Equal("臺北市政府", read["city"]!.GetValue<string>());
        Assert.Equal(107, read["planYear"]!.GetValue<int>());
        var rollUps = await Json(await http.GetAsync("/api/maps/臺北市政府/107/rollups"));
        var total = rollUps["total"]!;
        Assert.Equal(303, read["mapKpis"]!.GetValue<int>());
        Assert.Equal(total["achieved"]!.GetValue<int>() + total["notAchieved"]!.GetValue<int>() + total["inProgress"]!.GetValue<int>()
            + total["noData"]!.GetValue<int>() + total["notApplicable"]!.GetValue<int>(), read["mapKpis"]!.GetValue<int>());
        Assert.Equal("A,B,C,D,E,F,G,H", string.Join(",", read["themes"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.Equal(303, read["exportedKpis"]!.GetValue<int>());
        var kpi = await Json(await http.GetAsync("/api/maps/臺北市政府/107/kpis/AC1.1"));
        Assert.Equal("AC1.1", read["kpi"]!["code"]!.GetValue<string>());
        Assert.Equal(kpi["name"]!.GetValue<string>(), read["kpi"]!["name"]!.GetValue<string>());
        var dashboard = await Json(await http.GetAsync("/api/dashboard?organisation=臺北市政府"));
        Assert.Equal(dashboard["year"]!.GetValue<int>(), read["dashboard"]!["year"]!.GetValue<int>());
        Assert.Equal(dashboard["offTrack"]!.AsArray().Count, read["dashboard"]!["offTrack"]!.GetValue<int>());
        var search = await Json(await http.GetAsync("/api/search?q=AC1.1"));
        Assert.Equal(search["total"]!.GetValue<int>(), read["search"]!["total"]!.GetValue<int>());
        var openData = await Json(await http.GetAsync($"/api/open-data/{dashboard["year"]}.json"));
        Assert.Equal(openData.AsArray().Count, read["openDataRows"]!.GetValue<int>());
        Assert.True(read["svg"]!.GetValue<bool>());
        Assert.Equal("rdec@example.org", read["me"]!["email"]!.GetValue<string>());
        Assert.Equal(["planner@臺北市政府"], read["me"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("notOpen", read["evaluation"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_number_sent_as_text_is_refused_naming_the_field_as_the_document_says_numbers_are_numbers()
    {
        var server = await servers.FreshAsync("sqlite");
        using var client = await server.AdministratorAsync();
        var response = await client.PostAsJsonAsync("/api/maps/臺北市政府/107/roll-forward", new { planYear = "108" });
        var problem = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, problem.ToJsonString());
        Assert.Equal("planYear", problem["field"]!.GetValue<string>());
        Assert.Contains("欄位 planYear 的值型別不對", problem["detail"]!.GetValue<string>());

        var broken = await client.PostAsync("/api/maps/臺北市政府/107/roll-forward", new StringContent("{\"planYear\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var unreadable = await Json(broken);
        Assert.Equal("請求的內容無法讀取，未變更。", unreadable["title"]!.GetValue<string>());
        Assert.Equal("第 1 行：不是有效的 JSON（可能缺少括號、逗號或引號）。", unreadable["detail"]!.GetValue<string>());
    }

    static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var program = tool == "node" ? "node" : Path.Combine(ClientFolder, "node_modules", ".bin", tool);
        if (tool != "node" && !File.Exists(program))
            throw new InvalidOperationException($"{program} is missing: run scripts/test, which runs `npm ci` in clients/typescript.");
        var start = new ProcessStartInfo(program) { WorkingDirectory = ClientFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run {program} ({e.Message}): install Node.js and npm (scripts/test does).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error);
        }
    }
}
