using System.Net;
using System.Text.Json.Nodes;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;
using Xunit.Abstractions;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §1: seeded mutated files (<see cref="MutatedFiles"/>: 1,000 JSON, 200 workbooks) uploaded
/// one by one to POST /api/imports on PostgreSQL, and every 7th of them (every kind of mutation)
/// imported one by one with the command line on SQLite. Each is imported whole (sent again, it changes
/// nothing) or refused with the file, the place and a reason in Chinese (400 problem; exit code 1 and
/// one line on stderr), and a refusal leaves every table's checksum as it was. Never a 500, never an
/// unhandled error.
/// </summary>
[Collection(LongRunningCollection.Name)]
public class FuzzedUploadScenarios(Servers servers, ITestOutputHelper output)
{
    static IReadOnlyList<MutatedFile> Corpus()
    {
        var json = MutatedFiles.FirstKpisOf(File.ReadAllText(SeedData.PathOf("city-107q1-D.json")), 6);
        var workbook = File.ReadAllBytes(Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx"));
        return [.. MutatedFiles.Json(json, 1000, seed: 11), .. MutatedFiles.Workbooks(workbook, 200, seed: 11)];
    }

    /// <summary>The organisations and the two maps the mutations start from.</summary>
    static IEnumerable<(string Name, byte[] Content)> Starting() =>
    [
        ("organisations.json", File.ReadAllBytes(Path.Combine(Repository.Root, "src", "Scorecard.Web", "DemoData", "organisations.json"))),
        ("city-107q1-D.json", MutatedFiles.FirstKpisOf(File.ReadAllText(SeedData.PathOf("city-107q1-D.json")), 6)),
        ("beitou-bsc-110.json", File.ReadAllBytes(SeedData.PathOf("beitou-bsc-110.json"))),
    ];

    [Fact]
    public async Task Mutated_files_uploaded_to_the_api_on_postgresql_are_imported_whole_or_refused_in_place()
    {
        var server = await servers.FreshAsync("postgres");
        using var client = await server.AdministratorAsync();
        foreach (var (name, content) in Starting())
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/imports", Uploads.Of(name, content))).StatusCode);
        var before = await server.TableChecksumsAsync();

        var outcomes = new List<FuzzOutcome>();
        foreach (var file in Corpus())
        {
            var answer = await client.PostAsync("/api/imports", Uploads.Of(file.Name, file.Content));
            var body = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                var again = JsonNode.Parse(await (await client.PostAsync("/api/imports", Uploads.Of(file.Name, file.Content))).Content.ReadAsStringAsync())!;
                var changed = again["rowsCreated"]!.GetValue<int>() + again["rowsUpdated"]!.GetValue<int>();
                outcomes.Add(changed == 0 ? new FuzzOutcome(file, Imported: true) : new FuzzOutcome(file, Broke: $"sent again, it still changed {changed} rows"));
                before = await server.TableChecksumsAsync();
            }
            else if (answer.StatusCode == HttpStatusCode.BadRequest && JsonNode.Parse(body) is { } problem && problem["location"] is not null)
            {
                var after = await server.TableChecksumsAsync();
                outcomes.Add(new FuzzOutcome(file, RefusedFile: problem["file"]?.GetValue<string>(), Place: problem["location"]!.GetValue<string>(),
                    Reason: problem["reason"]?.GetValue<string>(), Broke: before == after ? null : "refused, yet the tables changed"));
            }
            else
                outcomes.Add(new FuzzOutcome(file, Broke: $"{(int)answer.StatusCode}: {body[..Math.Min(body.Length, 300)]}"));
        }

        output.WriteLine(FuzzOutcomes.Summary(outcomes));
        Assert.Empty(FuzzOutcomes.Faults(outcomes));
        Assert.Equal(1200, outcomes.Count);
        Assert.True(outcomes.Count(o => o.Imported) > 100);
        // What some of them were told, exactly.
        var refused = outcomes.Where(o => o.Refused).ToList();
        Assert.Contains(refused, o => o.File.Mutation == "invalid UTF-8" && o.Reason == "文字不是有效的 UTF-8 編碼（請以 UTF-8 儲存檔案）。" && o.Place!.StartsWith("第 ", StringComparison.Ordinal));
        Assert.Contains(refused, o => o.File.Mutation == "deep nesting" && o.Reason == "巢狀層數超過 64 層。");
        Assert.Contains(refused, o => o.File.Mutation == "duplicate key" && o.Reason == "同一個物件中有重複的欄位名稱。");
        Assert.Contains(refused, o => o.File.Mutation == "huge string" && o.Reason!.StartsWith("文字長 ", StringComparison.Ordinal) && o.Place!.StartsWith("$.", StringComparison.Ordinal));
        Assert.Contains(refused, o => o.File.Mutation == "control character in a code" && o.Reason!.StartsWith("文字含有控制字元或不可見的字元 U+", StringComparison.Ordinal));
        Assert.Contains(refused, o => o.File.Mutation == "million rows" && o.Reason == "工作表「策略地圖」超過 10000 列；平衡計分卡一張表不會這麼多列，請確認檔案。");
        Assert.Contains(refused, o => o.File.Mutation == "zip bomb" && o.Place == "活頁簿" && o.Reason!.StartsWith("解壓縮後有 150 MB", StringComparison.Ordinal));
        Assert.Contains(refused, o => o.File.Mutation == "error in a cell" && o.Place!.StartsWith("平衡計分卡!", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mutated_files_imported_with_the_command_line_on_sqlite_are_imported_whole_or_refused_in_place()
    {
        var server = await servers.FreshAsync("sqlite");
        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}", "--Logging:LogLevel:Default=Warning"];
        var folder = Directory.CreateTempSubdirectory("fuzz-");
        try
        {
            async Task<(int Exit, string Said, string Complained)> ImportAsync(string path)
            {
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                var exit = await CommandLine.RunAsync(["import", path, .. settings], stdout, stderr);
                return (exit, stdout.ToString(), stderr.ToString());
            }
            foreach (var (name, content) in Starting())
            {
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, name), content);
                Assert.Equal(0, (await ImportAsync(Path.Combine(folder.FullName, name))).Exit);
            }
            var before = await server.TableChecksumsAsync();

            var outcomes = new List<FuzzOutcome>();
            // Every 7th file: every kind of mutation (15 and 16 kinds, 7 shares no factor with either), 172 files.
            // The command line reads and imports a file with the same code the API's full run goes through;
            // what is its own (arguments, exit code, the words on stderr) does not need all 1,200 to show.
            foreach (var file in Corpus().Where((_, i) => i % 7 == 0))
            {
                var path = Path.Combine(folder.FullName, file.Name);
                await File.WriteAllBytesAsync(path, file.Content);
                try
                {
                    var (exit, said, complained) = await ImportAsync(path);
                    if (exit == 0)
                    {
                        var again = await ImportAsync(path);
                        outcomes.Add(again.Said.Contains("新增 0 筆、更新 0 筆", StringComparison.Ordinal)
                            ? new FuzzOutcome(file, Imported: true)
                            : new FuzzOutcome(file, Broke: $"imported again, it still changed: {again.Said.Split('\n')[0]}"));
                        before = await server.TableChecksumsAsync();
                    }
                    else if (complained.StartsWith("匯入失敗，資料未變更：", StringComparison.Ordinal) && complained["匯入失敗，資料未變更：".Length..].Trim().Split('：', 3) is [var named, var place, var reason])
                    {
                        var after = await server.TableChecksumsAsync();
                        outcomes.Add(new FuzzOutcome(file, RefusedFile: named, Place: place, Reason: reason, Broke: before == after ? null : "refused, yet the tables changed"));
                    }
                    else
                        outcomes.Add(new FuzzOutcome(file, Broke: $"exit {exit}: {complained}"));
                }
                catch (Exception e)
                {
                    outcomes.Add(new FuzzOutcome(file, Broke: $"{e.GetType().Name}: {e.Message}"));
                }
                File.Delete(path);
            }

            output.WriteLine(FuzzOutcomes.Summary(outcomes));
            Assert.Empty(FuzzOutcomes.Faults(outcomes));
            Assert.Equal(172, outcomes.Count);
            Assert.Equal(31, outcomes.Select(o => (o.File.Name[^4..], o.File.Mutation)).Distinct().Count());   // every kind, of both
            Assert.True(outcomes.Count(o => o.Imported) > 20);
        }
        finally { folder.Delete(recursive: true); }
    }
}
