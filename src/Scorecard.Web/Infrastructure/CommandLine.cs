using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Interchange.Json;
using Scorecard.Interchange.Synthetic;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Administration;
using Scorecard.Web.Features.Interchange;
using Scorecard.Web.Features.Language;
using Scorecard.Web.Features.Reports;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// The executable's command line (System.CommandLine): `serve`, the web server — also what a start with no verb
/// does, with or without host settings (`--urls …`, `--ConnectionStrings:Scorecard=…`) — and verbs that do their
/// work and exit: `import`, `export`, `report`, `users`, `organisations`, `generate`, `backup`, `restore`.
/// Exit codes: 0 done, 1 refused (nothing changed; the reason on standard error), 2 usage (an unknown verb or option,
/// a missing or unreadable argument: the verbs are listed, the server never starts).
/// Host settings are any `--Section:Key=value` and the host's own (`--urls`, `--environment`, `--contentRoot`):
/// they go to the configuration, before or after the verb, and are never a usage error.
/// Output goes to the writers given (the console's when run as a program; a test's own when run in-process),
/// in Chinese, or in English with `--lang en`; `--json` gives import, export, backup and users an answer for scripts.
/// </summary>
public sealed class CommandLine
{
    /// <summary>Settings of the host that are not a section's (`--urls http://…`): they may take the next word as their value.</summary>
    static readonly string[] HostKeys = ["urls", "environment", "contentRoot", "applicationName"];

    public const int Done = 0, Refused = 1, Usage = 2;

    readonly TextWriter stdout, stderr;
    readonly string[] settings;
    readonly bool english, terminal;
    readonly Dictionary<Command, (string Chinese, string English)[]> examples = [];

    CommandLine(TextWriter stdout, TextWriter stderr, string[] settings, bool english, bool terminal)
    {
        (this.stdout, this.stderr, this.settings, this.english, this.terminal) = (stdout, stderr, settings, english, terminal);
    }

    /// <summary>Runs the command line; the web server when it names no verb or `serve`.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        var (settings, words) = SplitHostSettings(args);
        var english = LanguageAsked(words) == "en";
        // Per call: an async flow's culture does not leak to the caller (tests run commands side by side).
        CultureInfo.CurrentUICulture = new CultureInfo(english ? Ui.English : Ui.Chinese);
        if (words.Length == 0)
            words = ["serve"];                      // README's `dotnet run --project src/Scorecard.Web --urls …`
        else if (words[0] == "help")
            words = [.. words[1..], "--help"];     // `help import` as `import --help`
        var cli = new CommandLine(output ?? Console.Out, errors ?? Console.Error, settings, english,
            terminal: errors is null && !Console.IsErrorRedirected);
        var root = cli.Root();
        var parsed = root.Parse(words);
        if (parsed.Action is not ExamplesHelp && (parsed.Errors.Count > 0 || UnknownOptions(parsed).Any()))
            return cli.UsageError(parsed);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = cli.stdout, Error = cli.stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The host's settings (to the configuration) apart from the verb, its arguments and options (to the parser).</summary>
    public static (string[] Settings, string[] Words) SplitHostSettings(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!IsHostSetting(args[i]))
            {
                words.Add(args[i]);
                continue;
            }
            settings.Add(args[i]);
            if (!args[i].Contains('=') && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                settings.Add(args[++i]);
        }
        return ([.. settings], [.. words]);
    }

    /// <summary>
    /// `--Section:Key[=value]`, the host's own keys, and any `--Key=value` not an option of ours (the test host passes
    /// `--Scorecard=` for a section): configuration. A word like an option without `=` that is neither is the parser's.
    /// </summary>
    static bool IsHostSetting(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            return false;
        var parts = arg[2..].Split('=', 2);
        return parts[0].Contains(':') || HostKeys.Contains(parts[0], StringComparer.OrdinalIgnoreCase) || (parts.Length == 2 && !OptionNames.Contains(parts[0]));
    }

    static readonly string[] OptionNames =
        ["lang", "json", "dry-run", "organisation", "plan-year", "create-organisation", "period", "theme", "role", "level", "parent", "alias", "organisations", "kpis", "years", "seed", "help", "version"];

    static string? LanguageAsked(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == "--lang" && i + 1 < words.Length) return words[i + 1];
            if (words[i].StartsWith("--lang=", StringComparison.Ordinal)) return words[i]["--lang=".Length..];
        }
        return null;
    }

    string Say(string chinese, string englishText) => english ? englishText : chinese;

    // ---- the commands ------------------------------------------------------------------------------------------

    readonly Option<string> lang = new("--lang") { Recursive = true, HelpName = "zh|en" };
    readonly Option<bool> json = new("--json");

    RootCommand Root()
    {
        lang.Description = Say("輸出的語言：zh（中文，預設）或 en（英文）", "Language of the output: zh (Chinese, the default) or en (English)");
        lang.AcceptOnlyFromAmong("zh", "en");
        json.Description = Say("以 JSON 輸出結果（供指令稿讀取）", "Write the result as JSON (for scripts)");
        var root = new RootCommand(Say(
            "策略地圖與平衡計分卡系統。不加指令（或只加 --urls、--ConnectionStrings:… 等設定）即啟動網站，同 serve。\n結束代碼：0 完成，1 拒絕（資料未變更），2 用法錯誤。",
            "Strategy maps and balanced scorecards. With no command (or only settings such as --urls, --ConnectionStrings:…) it starts the web server, as serve does.\nExit codes: 0 done, 1 refused (nothing changed), 2 usage error."))
        {
            lang,
        };
        foreach (var command in new[] { Serve(), Import(), Export(), Report(), Users(), Organisations(), Generate(), Backup(), Restore() })
            root.Add(command);
        Examples(root,
            ("dotnet Scorecard.Web.dll serve --urls http://127.0.0.1:5000", "dotnet Scorecard.Web.dll serve --urls http://127.0.0.1:5000"),
            ("dotnet Scorecard.Web.dll import --help", "dotnet Scorecard.Web.dll import --help --lang en"),
            ("dotnet Scorecard.Web.dll backup /var/backups/scorecard.json.gz \"--ConnectionStrings:Scorecard=Host=db;Database=scorecard\" --Scorecard:Provider=postgres",
             "dotnet Scorecard.Web.dll backup /var/backups/scorecard.json.gz \"--ConnectionStrings:Scorecard=Host=db;Database=scorecard\" --Scorecard:Provider=postgres --lang en"));
        var help = root.Options.OfType<HelpOption>().Single();
        help.Description = Say("顯示說明與範例", "Show help and examples");
        help.Action = new ExamplesHelp((SynchronousCommandLineAction)help.Action!, this);
        foreach (var version in root.Options.OfType<VersionOption>())
            version.Description = Say("顯示版本", "Show the version");
        return root;
    }

    void Examples(Command command, params (string Chinese, string English)[] lines) => examples[command] = lines;

    Command Serve()
    {
        var serve = new Command("serve", Say("啟動網站（設定以 --urls、--ConnectionStrings:Scorecard=…、--Scorecard:… 或環境變數給）",
            "Start the web server (settings by --urls, --ConnectionStrings:Scorecard=…, --Scorecard:… or environment variables)"));
        serve.SetAction(async (_, ct) =>
        {
            try { await ScorecardApp.Build(settings).RunAsync(ct); }
            catch (IOException e)
            {
                // A taken port: one line, not a stack trace.
                await stderr.WriteLineAsync(Say($"無法啟動網站：{e.Message}", $"The web server could not start: {e.Message}"));
                return Refused;
            }
            return Done;
        });
        Examples(serve,
            ("dotnet Scorecard.Web.dll serve --urls http://127.0.0.1:5000", "dotnet Scorecard.Web.dll serve --urls http://127.0.0.1:5000"),
            ("dotnet Scorecard.Web.dll serve --Scorecard:Provider=postgres \"--ConnectionStrings:Scorecard=Host=localhost;Database=scorecard\"",
             "dotnet Scorecard.Web.dll serve --Scorecard:Provider=postgres \"--ConnectionStrings:Scorecard=Host=localhost;Database=scorecard\""));
        return serve;
    }

    Command Import()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, HelpName = Say("檔案", "files"),
            Description = Say("交換格式 JSON 檔，或平衡計分卡活頁簿（.xlsx）；全部匯入或全不匯入", "Interchange JSON files or BSC workbooks (.xlsx): all are imported or none") };
        var dryRun = new Option<bool>("--dry-run") { Description = Say("試匯入：列出將新增、變更的資料，不寫入", "Preview: list what would be created and changed, write nothing") };
        var organisation = new Option<string>("--organisation") { HelpName = Say("機關", "organisation"),
            Description = Say("活頁簿標題沒寫出的機關（全名或簡稱）", "The organisation a workbook's title does not name (full or short name)") };
        var planYear = new Option<string>("--plan-year") { HelpName = Say("民國年", "ROC year"),
            Description = Say("活頁簿的計畫年度（民國年，如 110）", "The workbook's plan year (ROC year, e.g. 110)") };
        var create = new Option<bool>("--create-organisation") { Description = Say(
            "活頁簿標題寫的機關尚不存在時，依標題新增（如「臺北市政府秘書處策略地圖」→ 臺北市政府之下的秘書處），並提出警告",
            "Where the organisation the workbook's title names does not exist yet, create it from the title (「臺北市政府秘書處策略地圖」 → 秘書處 under 臺北市政府), with a warning") };
        var import = new Command("import", Say("匯入策略地圖（JSON 或平衡計分卡活頁簿）", "Import strategy maps (JSON or BSC workbooks)")) { files, dryRun, organisation, planYear, create, json };
        import.SetAction((parsed, ct) => Work(async db =>
        {
            var paths = parsed.GetValue(files)!;
            if (paths.FirstOrDefault(p => !p.Exists) is { } missing)
                return Refuse(Say($"匯入失敗，資料未變更：找不到檔案「{missing}」。", $"Import failed, nothing changed: no file \"{missing}\"."));
            var options = ImportOptions.Parse(parsed.GetValue(organisation), parsed.GetValue(planYear), parsed.GetValue(dryRun)) with { CreateOrganisation = parsed.GetValue(create) };
            var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
            var inputs = new List<ImportInput>();
            var progress = new Progress(stderr, terminal, Say("讀取檔案", "Reading files"), paths.Length, show: paths.Length > 1);
            foreach (var path in paths)
            {
                await using var content = path.OpenRead();
                inputs.Add(ImportInput.Read(path.Name, content, organisations, options.Workbook));
                progress.Step(path.Name);
            }
            progress.Done();
            if (paths.Length > 1)
                await stderr.WriteLineAsync(Say("寫入資料庫…", "Writing to the database…"));
            var report = await ImportFiles.ImportAsync(db, inputs, organisations, options, ct);
            if (parsed.GetValue(json))
                return Json(report);
            stdout.WriteLine(report.DryRun
                ? Say($"試匯入 {report.Files.Count} 個檔案（未寫入）：將新增 {report.RowsCreated} 筆、更新 {report.RowsUpdated} 筆。",
                      $"Dry run of {report.Files.Count} file(s), nothing written: would create {report.RowsCreated} row(s), update {report.RowsUpdated}.")
                : Say($"已匯入 {report.Files.Count} 個檔案：新增 {report.RowsCreated} 筆、更新 {report.RowsUpdated} 筆。",
                      $"Imported {report.Files.Count} file(s): created {report.RowsCreated} row(s), updated {report.RowsUpdated}."));
            foreach (var m in report.Maps)
                stdout.WriteLine(Say($"  {m.Organisation} {m.RocYear} 年策略地圖", $"  {m.Organisation} {RocYear.ToGregorian(m.RocYear)} strategy map"));
            foreach (var c in report.Changes)
            {
                stdout.WriteLine(Say($"  {c.What}：新增 {c.Created.Count}、變更 {c.Changed.Count}、不變 {c.Unchanged}",
                    $"  {Word(c.What)}: {c.Created.Count} new, {c.Changed.Count} changed, {c.Unchanged} unchanged"));
                foreach (var item in c.Created) stdout.WriteLine($"    + {item}");
                foreach (var item in c.Changed) stdout.WriteLine($"    ~ {item}");
            }
            foreach (var w in report.Warnings)
                stdout.WriteLine(Say($"  注意：{w.File} {w.Path}：{w.Message}", $"  Note: {w.File} {w.Path}: {Message(w.Text)}"));
            return Done;
        }, Say("匯入失敗，資料未變更", "Import failed, nothing changed"), ct));
        Examples(import,
            ("dotnet Scorecard.Web.dll import --dry-run 臺北市政府-107.json", "dotnet Scorecard.Web.dll import --dry-run city-107.json --lang en"),
            ("dotnet Scorecard.Web.dll import 秘書處BSC.xlsx --organisation 秘書處 --plan-year 107", "dotnet Scorecard.Web.dll import secretariat-bsc.xlsx --organisation 秘書處 --plan-year 107"),
            ("dotnet Scorecard.Web.dll import 秘書處BSC.xlsx --create-organisation   # 空白的新系統：依標題建立機關",
             "dotnet Scorecard.Web.dll import secretariat-bsc.xlsx --create-organisation   # an empty install: the title's organisation is created"),
            ("dotnet Scorecard.Web.dll import *.json --json > 匯入結果.json", "dotnet Scorecard.Web.dll import *.json --json > import-report.json"));
        return import;
    }

    Command Export()
    {
        var organisation = new Argument<string>("organisation") { HelpName = Say("機關", "organisation"), Description = Say("機關名稱或代號", "Organisation name or code") };
        var year = new Argument<int>("year") { HelpName = Say("民國年", "ROC year"), Description = Say("計畫年度（民國年）", "Plan year (ROC)") };
        var output = new Argument<FileInfo>("output") { HelpName = Say("輸出.json", "out.json"), Description = Say("寫入的 JSON 檔", "The JSON file to write") };
        var export = new Command("export", Say("匯出一份策略地圖為交換格式 JSON", "Export a strategy map as interchange JSON")) { organisation, year, output, json };
        export.SetAction((parsed, ct) => Work(async db =>
        {
            var (name, rocYear, path) = (parsed.GetValue(organisation)!, parsed.GetValue(year), parsed.GetValue(output)!);
            var file = await MapExporter.ExportAsync(db, name, rocYear);
            if (file is null)
                return Refuse(Say($"匯出失敗：找不到「{name}」{rocYear} 年的策略地圖。", $"Export failed: no strategy map of \"{name}\" for {RocYear.ToGregorian(rocYear)}."));
            await File.WriteAllTextAsync(path.FullName, MapExporter.Serialize(file), ct);
            if (parsed.GetValue(json))
                return Json(new { organisation = name, rocYear, file = path.FullName, kpis = file.Kpis?.Count ?? 0 });
            stdout.WriteLine(Say($"已匯出 {name} {rocYear} 年策略地圖至 {path}。", $"Exported the {RocYear.ToGregorian(rocYear)} strategy map of {name} to {path}."));
            return Done;
        }, Say("匯出失敗", "Export failed"), ct));
        Examples(export,
            ("dotnet Scorecard.Web.dll export 臺北市政府 107 臺北市政府-107.json", "dotnet Scorecard.Web.dll export 臺北市政府 107 city-107.json"),
            ("dotnet Scorecard.Web.dll export 秘書處 107 秘書處-107.json --json", "dotnet Scorecard.Web.dll export 秘書處 107 secretariat-107.json --json"));
        return export;
    }

    Command Report()
    {
        // Any kind the Reports feature knows: a kind added there is a kind here.
        var kind = new Argument<string>("kind") { HelpName = string.Join('|', MapReports.Kinds.Keys),
            Description = Say($"報表：{string.Join("、", MapReports.Kinds.Select(k => $"{k.Key}（{k.Value}）"))}", $"The report: {string.Join(", ", MapReports.Kinds.Keys)}") };
        kind.AcceptOnlyFromAmong([.. MapReports.Kinds.Keys]);
        var organisation = new Argument<string>("organisation") { HelpName = Say("機關", "organisation"), Description = Say("機關名稱或簡稱", "Organisation name or short name") };
        var year = new Argument<int>("year") { HelpName = Say("民國年", "ROC year"), Description = Say("計畫年度（民國年）", "Plan year (ROC)") };
        var output = new Argument<FileInfo>("output") { HelpName = Say("輸出檔", "out-file"), Description = Say("輸出檔；副檔名決定格式（.docx，bsc 另可 .xlsx，retreat 與 briefing 為 .pptx，briefing 另可 .docx）", "The file to write; its extension is the format (.docx; bsc also .xlsx; retreat and briefing .pptx, briefing also .docx)") };
        var period = new Option<string>("--period") { HelpName = "Q1|Q2|Q3|Q4|H1|H2", Description = Say("期別（預設：最近已發布的期別）", "The period (default: the latest with published figures)") };
        var theme = new Option<string>("--theme") { HelpName = "D", Description = Say("策略主題代碼（retreat 共識營簡報：該組的主題）", "The theme's code (retreat: the group's theme)") };
        var report = new Command("report", Say("產生報表（僅已發布的數字）", "Make a report document (published figures only)")) { kind, organisation, year, output, period, theme };
        report.SetAction((parsed, ct) => Work(async db =>
        {
            var path = parsed.GetValue(output)!;
            var format = path.Extension.ToLowerInvariant().TrimStart('.');
            var file = await new MapReports(db).FileAsync(parsed.GetValue(kind)!, parsed.GetValue(organisation)!, parsed.GetValue(year), parsed.GetValue(period), format, theme: parsed.GetValue(theme), ct: ct);
            await File.WriteAllBytesAsync(path.FullName, file.Content, ct);
            stdout.WriteLine(Say($"已產生「{file.Title}」（{file.Count}）至 {path}。", $"Made \"{file.Title}\" ({file.Count}) in {path}."));
            return Done;
        }, Say("報表產生失敗", "The report could not be made"), ct));
        Examples(report,
            ("dotnet Scorecard.Web.dll report policy 臺北市政府 107 --period Q1 施政報告.docx", "dotnet Scorecard.Web.dll report policy 臺北市政府 107 --period Q1 policy-report.docx"),
            ("dotnet Scorecard.Web.dll report bsc 秘書處 105 平衡計分卡.xlsx", "dotnet Scorecard.Web.dll report bsc 秘書處 105 bsc-table.xlsx"),
            ("dotnet Scorecard.Web.dll report retreat 臺北市政府 108 --theme D 共識營簡報.pptx", "dotnet Scorecard.Web.dll report retreat 臺北市政府 108 --theme D retreat-deck.pptx"));
        return report;
    }

    Command Users()
    {
        var email = new Argument<string>("email") { HelpName = Say("電子郵件", "email") };
        var role = new Option<string>("--role") { Required = true, HelpName = "administrator|planner|reporter|viewer",
            Description = Say("角色：administrator 系統管理者、planner 研考、reporter 填報、viewer 檢視", "Role: administrator, planner, reporter or viewer") };
        role.AcceptOnlyFromAmong("administrator", "planner", "reporter", "viewer");
        var organisation = new Option<string>("--organisation") { HelpName = Say("機關", "organisation"),
            Description = Say("角色所屬的機關（系統管理者以外必填；涵蓋其下各機關）", "The organisation of the role (all roles but administrator; covers those under it)") };
        var add = new Command("add", Say("新增帳號與角色，印出產生的密碼", "Add an account with its role; prints a generated password")) { email, role, organisation, json };
        add.SetAction((parsed, ct) => Work(async db =>
        {
            var accounts = Service<UserAccounts>();
            var (address, parsedRole, org) = (parsed.GetValue(email)!, Roles.Parse(parsed.GetValue(role)!), parsed.GetValue(organisation));
            var password = await accounts.AddAsync(address, parsedRole, org, ct: ct);
            if (parsed.GetValue(json))
                return Json(new { email = address, role = Roles.Format(parsedRole), organisation = org, password });
            stdout.WriteLine(Say($"已建立帳號 {address}（{Roles.Label(parsedRole)}{(org is null ? "" : "，" + org)}）。", $"Created the account {address} ({Ui.RoleLabel(parsedRole)}{(org is null ? "" : ", " + org)})."));
            stdout.WriteLine(Say($"密碼：{password}", $"Password: {password}"));
            return Done;
        }, Say("失敗，資料未變更", "Refused, nothing changed"), ct));
        var resetEmail = new Argument<string>("email") { HelpName = Say("電子郵件", "email") };
        var reset = new Command("reset-password", Say("重設密碼並解除鎖定，印出新密碼", "Reset the password and lift a lockout; prints the new password")) { resetEmail, json };
        reset.SetAction((parsed, ct) => Work(async db =>
        {
            var address = parsed.GetValue(resetEmail)!;
            var password = await Service<UserAccounts>().ResetPasswordAsync(address, ct);
            if (parsed.GetValue(json))
                return Json(new { email = address, password });
            stdout.WriteLine(Say($"已重設 {address} 的密碼並解除鎖定。", $"Reset the password of {address} and lifted any lockout."));
            stdout.WriteLine(Say($"密碼：{password}", $"Password: {password}"));
            return Done;
        }, Say("失敗，資料未變更", "Refused, nothing changed"), ct));
        var users = new Command("users", Say("帳號：新增、重設密碼（沒有示範資料時，第一個帳號由此建立）", "Accounts: add, reset a password (without demo data, the first account is made here)")) { add, reset };
        Examples(add,
            ("dotnet Scorecard.Web.dll users add admin@city.gov.tw --role administrator", "dotnet Scorecard.Web.dll users add admin@city.gov.tw --role administrator"),
            ("dotnet Scorecard.Web.dll users add planner@city.gov.tw --role planner --organisation 臺北市政府 --json", "dotnet Scorecard.Web.dll users add planner@city.gov.tw --role planner --organisation 臺北市政府 --json"));
        Examples(reset, ("dotnet Scorecard.Web.dll users reset-password planner@city.gov.tw", "dotnet Scorecard.Web.dll users reset-password planner@city.gov.tw --lang en"));
        Examples(users, examples[add].Concat(examples[reset]).ToArray());
        return users;
    }

    Command Organisations()
    {
        var name = new Argument<string>("name") { HelpName = Say("機關全名", "full-name") };
        var level = new Option<string>("--level") { Required = true, HelpName = "city|bureau|district|unit",
            Description = Say("層級：city 市政府、bureau 局處、district 區公所、unit 科室", "Level: city, bureau, district or unit") };
        level.AcceptOnlyFromAmong("city", "bureau", "district", "unit");
        var parent = new Option<string>("--parent") { HelpName = Say("上級機關", "parent"), Description = Say("上級機關（全名或簡稱）", "The parent organisation (full or short name)") };
        var alias = new Option<string[]>("--alias") { HelpName = Say("簡稱", "short-name"), Description = Say("文件使用的簡稱（可重複）", "A short name the documents use (repeatable)") };
        var add = new Command("add", Say("新增機關", "Add an organisation")) { name, level, parent, alias };
        add.SetAction((parsed, ct) => Work(async db =>
        {
            var made = await AccountAdministration.AddOrganisationAsync(db, new OrganisationInput(parsed.GetValue(name), parsed.GetValue(level), parsed.GetValue(parent), [.. parsed.GetValue(alias) ?? []]), ct);
            stdout.WriteLine(Say($"已新增機關「{made.Name}」（{OrganisationLevelName(made)}{(made.Parent is null ? "" : "，隸屬「" + made.Parent.Name + "」")}）。",
                $"Added the organisation \"{made.Name}\" ({made.Level.ToString().ToLowerInvariant()}{(made.Parent is null ? "" : ", under \"" + made.Parent.Name + "\"")})."));
            return Done;
        }, Say("失敗，資料未變更", "Refused, nothing changed"), ct));
        var list = new Command("list", Say("列出機關（樹狀）", "List the organisations (as a tree)")) { json };
        list.SetAction((parsed, ct) => Work(async db =>
        {
            var all = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
            if (parsed.GetValue(json))
                return Json(all.Select(o => new { name = o.Name, level = o.Level.ToString().ToLowerInvariant(), parent = all.FirstOrDefault(p => p.Id == o.ParentId)?.Name, aliases = o.Aliases }));
            if (all.Count == 0)
                stdout.WriteLine(Say("尚無機關。以 organisations add 或 import --create-organisation 建立。", "No organisations yet. Make one with organisations add or import --create-organisation."));
            void Write(Guid? parentId, int depth)
            {
                foreach (var o in all.Where(o => o.ParentId == parentId || (parentId is null && o.ParentId is { } p && all.All(x => x.Id != p))))
                {
                    stdout.WriteLine($"{new string(' ', depth * 2)}{o.Name}（{OrganisationLevelName(o)}{(o.Aliases.Count > 0 ? "；" + string.Join("、", o.Aliases) : "")}）");
                    Write(o.Id, depth + 1);
                }
            }
            Write(null, 0);
            return Done;
        }, Say("失敗", "Failed"), ct));
        var from = new Argument<string>("name") { HelpName = Say("現在的全名", "current-name") };
        var to = new Argument<string>("new-name") { HelpName = Say("新的全名", "new-name") };
        var rename = new Command("rename", Say("機關改名（策略地圖、角色、KPI 主責跟著改）", "Rename an organisation (its maps, roles and KPI owners follow)")) { from, to };
        rename.SetAction((parsed, ct) => Work(async db =>
        {
            var (old, newName) = (parsed.GetValue(from)!, parsed.GetValue(to)!);
            var renamed = await AccountAdministration.RenameOrganisationAsync(db, old, newName, ct);
            stdout.WriteLine(Say($"已將機關「{old}」改名為「{renamed.Name}」。", $"Renamed the organisation \"{old}\" to \"{renamed.Name}\"."));
            return Done;
        }, Say("失敗，資料未變更", "Refused, nothing changed"), ct));
        var organisations = new Command("organisations", Say("機關：新增、列出、改名", "Organisations: add, list, rename")) { add, list, rename };
        Examples(add,
            ("dotnet Scorecard.Web.dll organisations add 臺北市政府 --level city", "dotnet Scorecard.Web.dll organisations add 臺北市政府 --level city"),
            ("dotnet Scorecard.Web.dll organisations add 臺北市政府資訊局 --level bureau --parent 臺北市政府 --alias 資訊局",
             "dotnet Scorecard.Web.dll organisations add 臺北市政府資訊局 --level bureau --parent 臺北市政府 --alias 資訊局"));
        Examples(list, ("dotnet Scorecard.Web.dll organisations list", "dotnet Scorecard.Web.dll organisations list --json"));
        Examples(rename, ("dotnet Scorecard.Web.dll organisations rename 臺北市政府資訊局 臺北市政府數位發展局", "dotnet Scorecard.Web.dll organisations rename 臺北市政府資訊局 臺北市政府數位發展局"));
        Examples(organisations, [.. examples[add], .. examples[list], .. examples[rename]]);
        return organisations;
    }

    string OrganisationLevelName(Domain.Organisations.Organisation o) =>
        english ? o.Level.ToString().ToLowerInvariant() : Domain.Organisations.OrganisationTree.LevelName(o.Level);

    Command Generate()
    {
        Option<int> Count(string name, int otherwise, string chinese, string englishText, int max)
        {
            var option = new Option<int>(name) { DefaultValueFactory = _ => otherwise, Description = Say(chinese, englishText) };
            option.Validators.Add(r =>
            {
                // A word that is not a number is the parser's error already.
                if (r.Tokens is [var token] && int.TryParse(token.Value, out var n) && (n < 1 || n > max))
                    r.AddError(Say($"{name} 須介於 1 與 {max} 之間。", $"{name} must be between 1 and {max}."));
            });
            return option;
        }
        var organisations = Count("--organisations", 60, "機關數", "How many organisations", 10_000);
        var kpis = Count("--kpis", 60, "每份策略地圖的 KPI 數", "KPIs per map", 10_000);
        var years = Count("--years", 10, "年數（計畫年度至 109）", "How many years (plan years up to 109)", 100);
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = Say("亂數種子：同一種子產生同一城市", "Random seed: the same seed makes the same city") };
        var generate = new Command("generate", Say("產生合成城市（效能測試用）", "Make a synthetic city (for benchmarks)")) { organisations, kpis, years, seed };
        generate.SetAction((parsed, ct) => Work(async db =>
        {
            var (count, perMap, span, random) = (parsed.GetValue(organisations), parsed.GetValue(kpis), parsed.GetValue(years), parsed.GetValue(seed));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var values = 0;
            var progress = new Progress(stderr, terminal, Say("產生機關", "Organisations"), count);
            for (var o = 0; o < count; o++)
            {
                var maps = Enumerable.Range(109 - span + 1, span).Select(y => SyntheticCity.Map(o, y, perMap, random)).ToList();
                values += maps.Sum(m => m.Kpis!.Sum(k => (k.Values?.Count ?? 0) + (k.SubValues?.Sum(p => p.Values?.Count ?? 0) ?? 0)));
                await new MapImporter(db).ImportAsync(maps.Select(m => ($"{m.Organization!.Name}-{m.PlanYear}.json", m)).ToList(), ct);
                db.ChangeTracker.Clear();
                progress.Step(maps[0].Organization!.Name!);
            }
            progress.Done();
            stdout.WriteLine(Say($"已產生合成城市：{count} 個機關、每年 {perMap} 項 KPI、{span} 年，共 {values} 筆數值（{clock.Elapsed.TotalSeconds:0.0} 秒）。",
                $"Made a synthetic city: {count} organisations, {perMap} KPIs a year, {span} years, {values} values ({clock.Elapsed.TotalSeconds:0.0} s)."));
            return Done;
        }, Say("失敗，資料未變更", "Refused, nothing changed"), ct));
        Examples(generate,
            ("dotnet Scorecard.Web.dll generate --organisations 60 --kpis 60 --years 10 --seed 1", "dotnet Scorecard.Web.dll generate --organisations 60 --kpis 60 --years 10 --seed 1 --lang en"),
            ("dotnet Scorecard.Web.dll generate --organisations 3 --kpis 24 --years 2 --Scorecard:DemoData=false", "dotnet Scorecard.Web.dll generate --organisations 3 --kpis 24 --years 2 --Scorecard:DemoData=false"));
        return generate;
    }

    /// <summary>The whole database to one file (<see cref="DatabaseBackup"/>), written beside and moved into place when complete.</summary>
    Command Backup()
    {
        var output = new Argument<FileInfo>("output") { HelpName = Say("輸出.json.gz", "out.json.gz"), Description = Say("備份檔（寫完才換上）", "The backup file (moved into place when complete)") };
        var backup = new Command("backup", Say("備份整個資料庫至一個檔案（SQLite 或 PostgreSQL 皆可，可還原至任一種）", "Back up the whole database to one file (SQLite or PostgreSQL; restores into either)")) { output, json };
        backup.SetAction((parsed, ct) => Work(async db =>
        {
            var path = parsed.GetValue(output)!.FullName;
            var partial = path + ".partial";
            int rows;
            await using (var file = File.Create(partial))
                rows = await DatabaseBackup.WriteAsync(db, file);
            File.Move(partial, path, overwrite: true);
            if (parsed.GetValue(json))
                return Json(new { file = path, rows, bytes = new FileInfo(path).Length });
            stdout.WriteLine(Say($"已備份 {rows} 筆資料至 {path}。", $"Backed up {rows} rows to {path}."));
            return Done;
        }, Say("備份失敗", "Backup failed"), ct));
        Examples(backup,
            ("dotnet Scorecard.Web.dll backup /var/backups/scorecard/2026-01-31.json.gz", "dotnet Scorecard.Web.dll backup /var/backups/scorecard/2026-01-31.json.gz --json"));
        return backup;
    }

    /// <summary>A backup into a new, empty database (the one the settings name), all of it or nothing.</summary>
    Command Restore()
    {
        var input = new Argument<FileInfo>("file") { HelpName = Say("備份檔.json.gz", "backup.json.gz"), Description = Say("backup 寫的備份檔", "A file backup wrote") };
        var restore = new Command("restore", Say("將備份還原至一個新的空資料庫（設定指定的資料庫），全部或全不", "Restore a backup into a new, empty database (the one the settings name), all or nothing")) { input };
        restore.SetAction((parsed, ct) => Work(async db =>
        {
            var path = parsed.GetValue(input)!;
            if (!path.Exists)
                return Refuse(Say($"還原失敗，資料未變更：找不到檔案「{path}」。", $"Restore failed, nothing changed: no file \"{path}\"."));
            await using var file = path.OpenRead();
            var rows = await DatabaseBackup.RestoreAsync(db, file);
            stdout.WriteLine(Say($"已從 {path} 還原 {rows} 筆資料。", $"Restored {rows} rows from {path}."));
            return Done;
        }, Say("還原失敗，資料未變更", "Restore failed, nothing changed"), ct));
        Examples(restore,
            ("dotnet Scorecard.Web.dll restore 2026-01-31.json.gz --Scorecard:Provider=postgres \"--ConnectionStrings:Scorecard=Host=localhost;Database=scorecard_new\"",
             "dotnet Scorecard.Web.dll restore 2026-01-31.json.gz --Scorecard:Provider=postgres \"--ConnectionStrings:Scorecard=Host=localhost;Database=scorecard_new\""));
        return restore;
    }

    // ---- running a verb -----------------------------------------------------------------------------------------

    /// <summary>
    /// A verb's work on the database the settings name (migrated first), with the verb's refusals as exit code 1 and
    /// their reasons in the reader's language. Logging is quiet: warnings and errors only, never a SQL command.
    /// </summary>
    async Task<int> Work(Func<ScorecardDb, Task<int>> work, string failed, CancellationToken ct)
    {
        var builder = ScorecardApp.CreateBuilder(settings);
        Observability.Telemetry.QuietVerbs(builder.Logging);
        builder.Services.AddScorecardDb(builder.Configuration);
        builder.Services.AddScorecardAccounts(builder.Configuration);
        Ui.AddLanguages(builder.Services);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        var words = scope.ServiceProvider.GetRequiredService<IStringLocalizer<Ui>>();
        localizer = words;
        services = scope.ServiceProvider;
        try
        {
            await ScorecardDbSetup.MigrateAsync(db, ct);
            return await work(db);
        }
        catch (ImportException e)
        {
            return Refuse($"{failed}{Say("：", ": ")}{e.File}{Say("：", ": ")}{e.Location}{Say("：", ": ")}{Message(e.ReasonText)}");
        }
        catch (DomainException e)
        {
            return Refuse($"{failed}{Say("：", ": ")}{Message(e.Text)}");
        }
        catch (Exception e) when (e is NotFoundException or AccessDeniedException)
        {
            var text = (e as NotFoundException)?.Text ?? ((AccessDeniedException)e).Text;
            return Refuse($"{failed}{Say("：", ": ")}{Message(text)}");
        }
        catch (Exception e) when (WriteConflicts.IsConflict(e))
        {
            return Refuse($"{failed}{Say("：資料已被其他人同時修改，請再試一次。", ": the data was changed by someone else at the same time; try again.")}");
        }
    }

    IStringLocalizer? localizer;
    IServiceProvider? services;

    T Service<T>() where T : notnull => services!.GetRequiredService<T>();

    /// <summary>A message of the product (an exception's, a warning's) in the reader's language, by the words table.</summary>
    string Message(FormattableString text) => localizer?.Say(text) ?? Said.Chinese(text);

    string Word(string word) => localizer?.Word(word) ?? word;

    int Refuse(string reason)
    {
        stderr.WriteLine(reason);
        return Refused;
    }

    static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    int Json(object value)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, JsonOutput));
        return Done;
    }

    /// <summary>
    /// Words like options that the parser took as a verb's arguments (`import --bogus a.json` would read a file
    /// named 「--bogus」): an unknown option is a usage error, as the parser makes it where a verb takes no more arguments.
    /// </summary>
    static IEnumerable<string> UnknownOptions(ParseResult parsed) =>
        parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value).Where(v => v.StartsWith('-') && v.Length > 1);

    /// <summary>What the parser found wrong, then the verbs (or the verb's own usage): exit code 2, nothing started.</summary>
    int UsageError(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
            stderr.WriteLine(Say($"用法錯誤：{error.Message.TrimEnd('.')}", $"Usage error: {error.Message}"));
        foreach (var option in UnknownOptions(parsed))
            stderr.WriteLine(Say($"用法錯誤：沒有「{option}」這個選項。", $"Usage error: there is no option '{option}'."));
        var command = parsed.CommandResult.Command;
        var root = parsed.RootCommandResult.Command;
        stderr.WriteLine(Say($"可用的指令：{string.Join("、", root.Subcommands.Select(c => c.Name))}", $"Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}"));
        var path = string.Join(' ', command.Parents.OfType<Command>().Where(c => c != root).Reverse().Select(c => c.Name).Append(command == root ? "" : command.Name)).Trim();
        stderr.WriteLine(Say($"說明：dotnet Scorecard.Web.dll {path} --help", $"Help: dotnet Scorecard.Web.dll {path} --help --lang en").Replace("  ", " ", StringComparison.Ordinal));
        return Usage;
    }

    /// <summary>The parser's help, then the command's examples in the reader's language.</summary>
    sealed class ExamplesHelp(SynchronousCommandLineAction help, CommandLine cli) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            help.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            if (cli.examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
            {
                output.WriteLine(cli.Say("範例：", "Examples:"));
                foreach (var line in lines)
                    output.WriteLine($"  {(cli.english ? line.English : line.Chinese)}");
                output.WriteLine();
            }
            return Done;
        }
    }
}
