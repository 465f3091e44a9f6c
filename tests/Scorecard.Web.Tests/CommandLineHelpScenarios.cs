using System.Diagnostics;
using System.Text.Json.Nodes;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>
/// The command line as an IT department scripts it (issue 37 §4): help with examples on every verb, usage errors
/// with exit code 2 that list the verbs, refusals with 1 in the reader's language, organisations made without the
/// server, `--json` answers, and progress lines where the output is not a terminal.
/// </summary>
[Collection(ServersCollection.Name)]
public class CommandLineHelpScenarios(Servers servers)
{
    static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    static string[] Settings(ScorecardServer server, string provider = "sqlite") =>
        [$"--Scorecard:Provider={provider}", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];

    [Theory]
    [InlineData("")]
    [InlineData("serve")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("report")]
    [InlineData("users")]
    [InlineData("users add")]
    [InlineData("users reset-password")]
    [InlineData("organisations")]
    [InlineData("organisations add")]
    [InlineData("organisations list")]
    [InlineData("organisations rename")]
    [InlineData("generate")]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task Every_verb_has_help_with_examples_in_Chinese_and_English(string verb)
    {
        string[] words = verb.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var chinese = await RunAsync([.. words, "--help"]);
        Assert.Equal(0, chinese.Exit);
        Assert.Contains("使用方式:", chinese.Output);
        Assert.Contains("範例：", chinese.Output);
        Assert.Contains($"dotnet Scorecard.Web.dll {verb}".TrimEnd(), chinese.Output);

        var english = await RunAsync([.. words, "--help", "--lang", "en"]);
        Assert.Equal(0, english.Exit);
        Assert.Contains("Usage:", english.Output);
        Assert.Contains("Examples:", english.Output);
        Assert.DoesNotContain("範例：", english.Output);
    }

    [Fact]
    public async Task Help_as_a_word_is_the_same_help()
    {
        var help = await RunAsync("help", "import");
        Assert.Equal(0, help.Exit);
        Assert.Contains("--create-organisation", help.Output);
        Assert.Equal(help.Output, (await RunAsync("import", "--help")).Output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("import --bogus a.json")]
    [InlineData("import")]
    [InlineData("export 臺北市政府")]
    [InlineData("export 臺北市政府 一百零七 out.json")]
    [InlineData("users add x@example.org")]
    [InlineData("users add x@example.org --role king")]
    [InlineData("organisations add 臺北市政府資訊局 --level ministry")]
    [InlineData("generate --kpis many")]
    [InlineData("generate --years 0")]
    [InlineData("report memo 臺北市政府 107 out.docx")]
    [InlineData("import a.json --lang fr")]
    [InlineData("generate --kpis=many")]
    public async Task A_usage_error_exits_2_and_lists_the_verbs(string line)
    {
        var run = await RunAsync([.. line.Split(' '), "--ConnectionStrings:Scorecard=Data Source=/nonexistent/never-opened.db"]);
        Assert.Equal(2, run.Exit);
        Assert.Empty(run.Output);
        Assert.Contains("用法錯誤：", run.Errors);
        Assert.Contains("可用的指令：serve、import、export、report、users、organisations、generate、backup、restore", run.Errors);
        Assert.Contains("--help", run.Errors);
    }

    [Fact]
    public async Task Usage_errors_and_refusals_speak_English_with_lang_en()
    {
        var usage = await RunAsync("frobnicate", "--lang", "en");
        Assert.Equal(2, usage.Exit);
        Assert.Contains("Commands: serve, import, export, report, users, organisations, generate, backup, restore", usage.Errors);
        Assert.Contains("there is no option '--bogus'", (await RunAsync("import", "--bogus", "a.json", "--lang", "en")).Errors);

        var server = await servers.FreshAsync("sqlite");
        var refused = await RunAsync(["users", "add", "someone@example.org", "--role", "planner", "--organisation", "火星市政府", "--lang", "en", .. Settings(server)]);
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("Refused, nothing changed: ", refused.Errors);
        Assert.DoesNotContain("找不到", refused.Errors);
        var missing = await RunAsync(["export", "火星市政府", "107", Path.GetTempFileName(), "--lang", "en", .. Settings(server)]);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("Export failed: no strategy map of \"火星市政府\" for 2018.", missing.Errors);
    }

    /// <summary>
    /// The empty install: the first BSC workbook names an organisation nobody has made. Refused without
    /// --create-organisation, as before; with it, the title's organisation and its parent are made, with a warning.
    /// </summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_empty_install_imports_its_first_workbook_creating_the_organisation_its_title_names(string provider)
    {
        var server = await servers.FreshAsync(provider);
        var workbook = Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx");

        var refused = await RunAsync(["import", workbook, .. Settings(server, provider)]);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("沒有寫出已知的機關", refused.Errors);

        var made = await RunAsync(["import", workbook, "--create-organisation", .. Settings(server, provider)]);
        Assert.Equal(0, made.Exit);
        Assert.Contains("臺北市北投區公所 110 年策略地圖", made.Output);
        Assert.Contains("注意：beitou-bsc-110.xlsx $.organization：依活頁簿標題新增機關「臺北市北投區公所」，隸屬「臺北市政府」，請確認。", made.Output);

        var list = await RunAsync(["organisations", "list", .. Settings(server, provider)]);
        Assert.Equal(0, list.Exit);
        Assert.Contains("臺北市政府（市政府）\n  臺北市北投區公所（區公所）", list.Output.ReplaceLineEndings("\n"));

        // Imported again, the organisation is known: no warning, nothing made twice.
        var again = await RunAsync(["import", workbook, "--create-organisation", "--json", .. Settings(server, provider)]);
        Assert.Equal(0, again.Exit);
        var report = JsonNode.Parse(again.Output)!;
        Assert.Equal("臺北市北投區公所", report["maps"]![0]!["organisation"]!.GetValue<string>());
        Assert.DoesNotContain(report["warnings"]!.AsArray(), w => w!["message"]!.GetValue<string>().Contains("依活頁簿標題新增機關"));
    }

    [Fact]
    public async Task Organisations_are_added_listed_and_renamed_without_the_server()
    {
        var server = await servers.FreshAsync("sqlite");
        var settings = Settings(server);
        Assert.Equal(0, (await RunAsync(["organisations", "add", "臺北市政府", "--level", "city", .. settings])).Exit);
        var added = await RunAsync(["organisations", "add", "臺北市政府資訊局", "--level", "bureau", "--parent", "臺北市政府", "--alias", "資訊局", .. settings]);
        Assert.Equal(0, added.Exit);
        Assert.Contains("已新增機關「臺北市政府資訊局」（局處，隸屬「臺北市政府」）。", added.Output);

        var twice = await RunAsync(["organisations", "add", "臺北市政府資訊局", "--level", "bureau", .. settings]);
        Assert.Equal(1, twice.Exit);
        Assert.Contains("機關「臺北市政府資訊局」已存在。", twice.Errors);
        Assert.Equal(1, (await RunAsync(["organisations", "add", "臺北市政府工務局", "--level", "bureau", "--parent", "火星市政府", .. settings])).Exit);

        var renamed = await RunAsync(["organisations", "rename", "臺北市政府資訊局", "臺北市政府數位發展局", .. settings]);
        Assert.Equal(0, renamed.Exit);
        Assert.Equal(1, (await RunAsync(["organisations", "rename", "臺北市政府資訊局", "臺北市政府資訊處", .. settings])).Exit);

        var list = JsonNode.Parse((await RunAsync(["organisations", "list", "--json", .. settings])).Output)!.AsArray();
        var bureau = Assert.Single(list, o => o!["level"]!.GetValue<string>() == "bureau")!;
        Assert.Equal("臺北市政府數位發展局", bureau["name"]!.GetValue<string>());
        Assert.Equal("臺北市政府", bureau["parent"]!.GetValue<string>());
        Assert.Equal("資訊局", bureau["aliases"]![0]!.GetValue<string>());

        // The account's organisation resolves by the alias kept through the rename.
        var user = JsonNode.Parse((await RunAsync(["users", "add", "it@example.org", "--role", "planner", "--organisation", "資訊局", "--json", .. settings])).Output)!;
        Assert.Equal("planner", user["role"]!.GetValue<string>());
        Assert.True(user["password"]!.GetValue<string>().Length >= 12);
    }

    [Fact]
    public async Task Backup_and_export_answer_in_json_and_generate_shows_progress_as_plain_lines()
    {
        var server = await servers.FreshAsync("sqlite");
        var settings = Settings(server);
        var generated = await RunAsync(["generate", "--organisations", "2", "--kpis", "6", "--years", "1", .. settings]);
        Assert.Equal(0, generated.Exit);
        Assert.Contains("產生機關 1/2 (50%) 合成市政府", generated.Errors);
        Assert.Contains("產生機關 2/2 (100%) 合成市第01局", generated.Errors);
        Assert.DoesNotContain("\r", generated.Errors);

        var backupFile = Path.Combine(Path.GetTempPath(), $"backup-{Guid.NewGuid():N}.json.gz");
        var exportFile = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        try
        {
            var backup = JsonNode.Parse((await RunAsync(["backup", backupFile, "--json", .. settings])).Output)!;
            Assert.Equal(backupFile, backup["file"]!.GetValue<string>());
            Assert.True(backup["rows"]!.GetValue<int>() > 20);
            var export = JsonNode.Parse((await RunAsync(["export", "合成市政府", "109", exportFile, "--json", .. settings])).Output)!;
            Assert.Equal(6, export["kpis"]!.GetValue<int>());
            Assert.True(File.Exists(exportFile));
        }
        finally
        {
            File.Delete(backupFile);
            File.Delete(exportFile);
        }
    }

    /// <summary>
    /// The built program as a process: a usage error never starts the server (the port stays free) and logs no
    /// SQL; `help` prints help. Before, both started the web server.
    /// </summary>
    [Fact]
    public async Task The_program_exits_2_on_an_unknown_verb_without_starting_the_server_and_logs_no_sql()
    {
        var port = Loopback.FreePort();
        var database = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.db");
        try
        {
            var unknown = await ProgramAsync("frobnicate", "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:Scorecard=Data Source={database}");
            Assert.Equal(2, unknown.Exit);
            Assert.Contains("可用的指令：", unknown.Errors);
            Assert.False(File.Exists(database));
            using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port))
                listener.Start();   // the port was never taken

            var help = await ProgramAsync("help");
            Assert.Equal(0, help.Exit);
            Assert.Contains("serve", help.Output);

            var list = await ProgramAsync("organisations", "list", "--Scorecard:DemoData=false", $"--ConnectionStrings:Scorecard=Data Source={database}",
                "--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Information");
            Assert.Equal(0, list.Exit);
            Assert.Equal("尚無機關。以 organisations add 或 import --create-organisation 建立。", list.Output.Trim());
            Assert.DoesNotContain("DbCommand", list.Output + list.Errors);
            Assert.DoesNotContain("SELECT", list.Output + list.Errors);
        }
        finally { foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*")) File.Delete(file); }
    }

    static async Task<(int Exit, string Output, string Errors)> ProgramAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scorecard.Web.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
