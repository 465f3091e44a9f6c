using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Scorecard.Web.Features.Interchange;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Reports;
using Scorecard.Interchange.Synthetic;
using System.Globalization;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// Verbs of the executable that do their work and exit (non-zero on failure): `import`, `export`,
/// `report`, `users add|reset-password` — the only way to make the first account without demo data —,
/// `generate`, a synthetic city for benchmarks, and `backup` / `restore`, the whole database to a file and back.
/// Output goes to the writers given (the console's when run as a program; a test's own when run in-process).
/// </summary>
public sealed class CommandLine(TextWriter stdout, TextWriter stderr)
{
    public static bool IsVerb(string arg) => arg is "import" or "export" or "report" or "users" or "generate" or "backup" or "restore";

    // Options of the verbs themselves; every other --key=value goes to the host's configuration.
    static readonly string[] VerbOptions = ["--role", "--organisation", "--period", "--theme", "--plan-year", "--organisations", "--kpis", "--years", "--seed"];
    // Options without a value.
    static readonly string[] VerbFlags = ["--dry-run"];

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null) =>
        new CommandLine(output ?? Console.Out, errors ?? Console.Error).RunVerbAsync(args);

    async Task<int> RunVerbAsync(string[] args)
    {
        var options = new Dictionary<string, string>();
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (VerbOptions.Contains(args[i]) && i + 1 < args.Length) options[args[i]] = args[++i];
            else if (VerbFlags.Contains(args[i])) options[args[i]] = "true";
            else rest.Add(args[i]);
        }
        var settings = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var operands = rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var builder = ScorecardApp.CreateBuilder(settings);
        builder.Services.AddScorecardDb(builder.Configuration);
        builder.Services.AddScorecardAccounts(builder.Configuration);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDb>();
        try
        {
            await ScorecardDbSetup.MigrateAsync(db);
            return args[0] switch
            {
                "import" => await ImportAsync(db, operands, options),
                "export" => await ExportAsync(db, operands),
                "report" => await ReportAsync(db, operands, options),
                "generate" => await GenerateAsync(db, options),
                "backup" => await BackupAsync(db, operands),
                "restore" => await RestoreAsync(db, operands),
                _ => await UsersAsync(scope.ServiceProvider.GetRequiredService<UserAccounts>(), operands, options),
            };
        }
        catch (ImportException e)
        {
            await stderr.WriteLineAsync($"匯入失敗，資料未變更：{e.Message}");
            return 1;
        }
        catch (DomainException e)
        {
            await stderr.WriteLineAsync($"失敗，資料未變更：{e.Message}");
            return 1;
        }
        catch (Exception e) when (WriteConflicts.IsConflict(e))
        {
            await stderr.WriteLineAsync("失敗，資料未變更：資料已被其他人同時修改，請再試一次。");
            return 1;
        }
    }

    const string ImportUsage = "import [--dry-run] [--organisation <機關>] [--plan-year <民國年>] <檔案.json 或 .xlsx> […]";

    async Task<int> ImportAsync(ScorecardDb db, string[] paths, Dictionary<string, string> options)
    {
        if (paths.Length == 0)
            return Usage(ImportUsage);
        var missing = paths.FirstOrDefault(p => !File.Exists(p));
        if (missing is not null)
        {
            await stderr.WriteLineAsync($"匯入失敗，資料未變更：找不到檔案「{missing}」。");
            return 1;
        }
        var import = ImportOptions.Parse(options.GetValueOrDefault("--organisation"), options.GetValueOrDefault("--plan-year"), options.ContainsKey("--dry-run"));
        var organisations = await db.Organisations.AsNoTracking().ToListAsync();
        var inputs = new List<ImportInput>();
        foreach (var path in paths)
        {
            await using var content = File.OpenRead(path);
            inputs.Add(ImportInput.Read(Path.GetFileName(path), content, organisations, import.Workbook));
        }
        var report = await new MapImporter(db).ImportAsync(inputs, import.DryRun);
        stdout.WriteLine(import.DryRun
            ? $"試匯入 {report.Files.Count} 個檔案（未寫入）：將新增 {report.RowsCreated} 筆、更新 {report.RowsUpdated} 筆。"
            : $"已匯入 {report.Files.Count} 個檔案：新增 {report.RowsCreated} 筆、更新 {report.RowsUpdated} 筆。");
        foreach (var m in report.Maps)
            stdout.WriteLine($"  {m.Organisation} {m.RocYear} 年策略地圖");
        foreach (var c in report.Changes)
        {
            stdout.WriteLine($"  {c.What}：新增 {c.Created.Count}、變更 {c.Changed.Count}、不變 {c.Unchanged}");
            foreach (var item in c.Created) stdout.WriteLine($"    + {item}");
            foreach (var item in c.Changed) stdout.WriteLine($"    ~ {item}");
        }
        foreach (var w in report.Warnings)
            stdout.WriteLine($"  注意：{w.File} {w.Path}：{w.Message}");
        return 0;
    }

    async Task<int> ExportAsync(ScorecardDb db, string[] operands)
    {
        if (operands.Length != 3 || !int.TryParse(operands[1], out var rocYear))
            return Usage("export <機關名稱或代號> <民國年> <輸出.json>");
        var file = await MapExporter.ExportAsync(db, operands[0], rocYear);
        if (file is null)
        {
            await stderr.WriteLineAsync($"匯出失敗：找不到「{operands[0]}」{rocYear} 年的策略地圖。");
            return 1;
        }
        await File.WriteAllTextAsync(operands[2], MapExporter.Serialize(file));
        stdout.WriteLine($"已匯出 {operands[0]} {rocYear} 年策略地圖至 {operands[2]}。");
        return 0;
    }

    const string ReportUsage = "report policy|council <機關> <民國年> [--period Q1] <輸出.docx>｜report results <機關> <民國年> <輸出.docx>｜report bsc <機關> <民國年> <輸出.docx 或 .xlsx>｜report retreat <機關> <民國年> [--theme D] <輸出.pptx>｜report briefing <機關> <民國年> <輸出.pptx 或 .docx>";

    async Task<int> ReportAsync(ScorecardDb db, string[] operands, Dictionary<string, string> options)
    {
        if (operands is not [var kind, var organisation, var yearText, var output] || !int.TryParse(yearText, out var rocYear))
            return Usage(ReportUsage);
        var format = Path.GetExtension(output).ToLowerInvariant().TrimStart('.');
        if (format is not ("docx" or "xlsx" or "pptx"))
            return Usage(ReportUsage);
        try
        {
            var file = await new MapReports(db).FileAsync(kind, organisation, rocYear, options.GetValueOrDefault("--period"), format, theme: options.GetValueOrDefault("--theme"));
            await File.WriteAllBytesAsync(output, file.Content);
            stdout.WriteLine($"已產生「{file.Title}」（{file.Count}）至 {output}。");
            return 0;
        }
        catch (Exception e) when (e is NotFoundException or DomainException)
        {
            await stderr.WriteLineAsync($"報表產生失敗：{e.Message}");
            return 1;
        }
    }

    const string GenerateUsage = "generate [--organisations 60] [--kpis 60] [--years 10] [--seed 1]";

    /// <summary>
    /// A synthetic city (<see cref="SyntheticCity"/>) imported as any file is: each organisation's maps
    /// in one all-or-nothing import, the latest plan year 109, earlier years before it.
    /// </summary>
    async Task<int> GenerateAsync(ScorecardDb db, Dictionary<string, string> options)
    {
        int Option(string key, int otherwise) => options.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : otherwise;
        int organisations, kpis, years, seed;
        try { (organisations, kpis, years, seed) = (Option("--organisations", 60), Option("--kpis", 60), Option("--years", 10), Option("--seed", 1)); }
        catch (FormatException) { return Usage(GenerateUsage); }
        if (organisations < 1 || kpis < 1 || years is < 1 or > 100)
            return Usage(GenerateUsage);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var values = 0;
        for (var o = 0; o < organisations; o++)
        {
            var maps = Enumerable.Range(109 - years + 1, years).Select(y => SyntheticCity.Map(o, y, kpis, seed)).ToList();
            values += maps.Sum(m => m.Kpis!.Sum(k => (k.Values?.Count ?? 0) + (k.SubValues?.Sum(p => p.Values?.Count ?? 0) ?? 0)));
            await new MapImporter(db).ImportAsync(maps.Select(m => ($"{m.Organization!.Name}-{m.PlanYear}.json", m)).ToList());
            db.ChangeTracker.Clear();
        }
        stdout.WriteLine($"已產生合成城市：{organisations} 個機關、每年 {kpis} 項 KPI、{years} 年，共 {values} 筆數值（{clock.Elapsed.TotalSeconds:0.0} 秒）。");
        return 0;
    }

    /// <summary>The whole database to one file (<see cref="DatabaseBackup"/>), written beside and moved into place when complete.</summary>
    async Task<int> BackupAsync(ScorecardDb db, string[] operands)
    {
        if (operands is not [var path])
            return Usage("backup <輸出.json.gz>");
        var partial = path + ".partial";
        await using (var file = File.Create(partial))
        {
            var rows = await DatabaseBackup.WriteAsync(db, file);
            stdout.WriteLine($"已備份 {rows} 筆資料至 {path}。");
        }
        File.Move(partial, path, overwrite: true);
        return 0;
    }

    /// <summary>A backup into a new, empty database (the one the settings name), all of it or nothing.</summary>
    async Task<int> RestoreAsync(ScorecardDb db, string[] operands)
    {
        if (operands is not [var path])
            return Usage("restore <備份檔.json.gz>");
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"還原失敗，資料未變更：找不到檔案「{path}」。");
            return 1;
        }
        await using var file = File.OpenRead(path);
        var rows = await DatabaseBackup.RestoreAsync(db, file);
        stdout.WriteLine($"已從 {path} 還原 {rows} 筆資料。");
        return 0;
    }

    const string UsersUsage = "users add <電子郵件> --role <administrator|planner|reporter|viewer> [--organisation <機關>]｜users reset-password <電子郵件>";

    async Task<int> UsersAsync(UserAccounts accounts, string[] operands, Dictionary<string, string> options)
    {
        switch (operands)
        {
            case ["add", var email] when options.TryGetValue("--role", out var roleText):
                var role = Roles.Parse(roleText);
                var password = await accounts.AddAsync(email, role, options.GetValueOrDefault("--organisation"));
                stdout.WriteLine($"已建立帳號 {email}（{Roles.Label(role)}{(options.TryGetValue("--organisation", out var o) ? "，" + o : "")}）。");
                stdout.WriteLine($"密碼：{password}");
                return 0;
            case ["reset-password", var email]:
                stdout.WriteLine($"已重設 {email} 的密碼並解除鎖定。");
                stdout.WriteLine($"密碼：{await accounts.ResetPasswordAsync(email)}");
                return 0;
            default:
                return Usage(UsersUsage);
        }
    }

    int Usage(string usage)
    {
        stderr.WriteLine($"用法：dotnet run --project src/Scorecard.Web -- {usage}");
        return 2;
    }
}
