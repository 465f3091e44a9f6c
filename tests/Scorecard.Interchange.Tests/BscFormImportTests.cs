using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Json;
using Scorecard.Interchange.Reports;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// The BSC form imported from Excel (issue 7 §3): Beitou's workbook (seed 002's layout) gives the
/// facts of its JSON; problems name the sheet and cell; a dry run writes nothing.
/// </summary>
public partial class BscFormImportTests
{
    static string Beitou => Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx");

    const string Organisations = """
        { "organizations": [
            { "name": "臺北市政府", "level": "city" },
            { "name": "臺北市政府民政局", "level": "bureau", "parent": "臺北市政府", "aliases": ["民政局"] },
            { "name": "臺北市北投區公所", "level": "district", "parent": "臺北市政府民政局" },
            { "name": "臺北市政府秘書處", "level": "bureau", "parent": "臺北市政府", "aliases": ["秘書處"] } ] }
        """;

    internal static async Task<SqliteDatabase> DatabaseWithOrganisationsAsync()
    {
        var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportTextAsync(database, "organisations.json", Organisations);
        return database;
    }

    internal static async Task<ImportReport> ImportWorkbookAsync(SqliteDatabase database, string name, byte[] workbook, bool dryRun = false, BscFormOptions? options = null)
    {
        await using var db = database.NewContext();
        var read = BscFormReader.Read(name, new MemoryStream(workbook), await db.Organisations.AsNoTracking().ToListAsync(), options ?? new BscFormOptions());
        return await new MapImporter(db).ImportAsync([new ImportInput(name, read.File, read.Cells)], dryRun);
    }

    /// <summary>The facts a BSC form carries, as text lines: objectives, KPIs with their yearly figures, action plans with budgets.</summary>
    internal static IReadOnlyList<string> FormFacts(JsonNode map, Func<int, string, bool>? years = null)
    {
        years ??= (_, _) => true;
        static string Number(JsonNode? n) => n is null ? "" : n.GetValue<decimal>().ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>();
        foreach (var o in map["objectives"]?.AsArray() ?? [])
            lines.Add($"objective {o!["code"]} {o["theme"]} {o["perspective"]} {o["name"]}");
        foreach (var k in map["kpis"]?.AsArray() ?? [])
        {
            lines.Add($"kpi {k!["code"]} {k["objective"]} {k["name"]} 單位 {k["unit"]} 主責 {string.Join("、", k["owners"]?.AsArray().Select(o => (string?)o) ?? [])}");
            foreach (var v in k["values"]?.AsArray() ?? [])
                if ((string?)v!["period"] == "Y" && years((int)v["year"]!, (string)v["kind"]!))
                    lines.Add($"  {k["code"]} {v["year"]} {v["kind"]} {Number(v["value"])} {v["status"]}");
            var parts = k["subValues"]?.AsArray() ?? [];
            for (var i = 0; i < parts.Count; i++)
            {
                lines.Add($"  {k["code"]} 分項{i + 1} {parts[i]!["name"]}");
                foreach (var v in parts[i]!["values"]?.AsArray() ?? [])
                    if ((string?)v!["period"] == "Y" && years((int)v["year"]!, (string)v["kind"]!))
                        lines.Add($"  {k["code"]} 分項{i + 1} {v["year"]} {v["kind"]} {Number(v["value"])} {v["status"]}");
            }
        }
        foreach (var a in map["actionPlans"]?.AsArray() ?? [])
            lines.Add($"plan {a!["code"]} {a["kpi"]} {a["name"]} 主責 {string.Join("、", a["owners"]?.AsArray().Select(o => (string?)o) ?? [])} {string.Join(",", a["budgets"]?.AsArray().Where(b => years((int)b!["year"]!, "target")).Select(b => $"{b!["year"]}:{Number(b["amount"])}") ?? [])}");
        return lines;
    }

    static async Task<JsonNode> ExportAsync(SqliteDatabase database, string organisation, int rocYear)
    {
        await using var db = database.NewContext();
        return JsonNode.Parse(MapExporter.Serialize((await MapExporter.ExportAsync(db, organisation, rocYear))!))!;
    }

    [Fact]
    public async Task Beitous_workbook_imports_to_the_facts_of_its_json()
    {
        await using var fromJson = await DatabaseWithOrganisationsAsync();
        await ImportFixtures.ImportFilesAsync(fromJson, SeedData.PathOf("beitou-bsc-110.json"));
        await using var fromExcel = await DatabaseWithOrganisationsAsync();
        var report = await ImportWorkbookAsync(fromExcel, "beitou-bsc-110.xlsx", await File.ReadAllBytesAsync(Beitou));

        Assert.Equal([new ImportedMap("臺北市北投區公所", 110)], report.Maps);   // organisation and year from the workbook's title and header
        var expected = FormFacts(await ExportAsync(fromJson, "臺北市北投區公所", 110));
        var actual = FormFacts(await ExportAsync(fromExcel, "臺北市北投區公所", 110));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_bad_cell_is_refused_by_sheet_and_cell_and_nothing_changes()
    {
        await using var database = await DatabaseWithOrganisationsAsync();
        var before = await ImportFixtures.SnapshotAsync(database);
        var workbook = Workbooks.WithText(await File.ReadAllBytesAsync(Beitou), "平衡計分卡", "E8", "1,2,3");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportWorkbookAsync(database, "beitou.xlsx", workbook));

        Assert.Equal("beitou.xlsx：平衡計分卡!E8：「1,2,3」不是數字，也不是已知的狀態。", error.Message);
        Assert.Equal(before, await ImportFixtures.SnapshotAsync(database));
    }

    [Theory]
    [InlineData("not a workbook at all")]
    [InlineData("PK\u0003\u0004 a zip header and nothing after it")]
    public async Task A_file_that_is_not_a_workbook_is_refused_as_such(string content)
    {
        await using var database = await DatabaseWithOrganisationsAsync();
        var error = await Assert.ThrowsAsync<ImportException>(() => ImportWorkbookAsync(database, "表.xlsx", System.Text.Encoding.UTF8.GetBytes(content)));
        Assert.Equal("表.xlsx：活頁簿：不是可讀取的 Excel 活頁簿（.xlsx）。", error.Message);
    }

    [Fact]
    public async Task A_workbook_whose_title_names_no_known_organisation_asks_for_one_by_its_title_cell()
    {
        await using var database = await DatabaseWithOrganisationsAsync();
        var workbook = Workbooks.WithText(await File.ReadAllBytesAsync(Beitou), "策略地圖", "A1", "某區公所策略地圖");
        var renamed = Workbooks.WithText(workbook, "平衡計分卡", "A1", "某區公所平衡計分卡");

        var error = await Assert.ThrowsAsync<ImportException>(() => ImportWorkbookAsync(database, "beitou.xlsx", renamed));
        Assert.Equal("beitou.xlsx：策略地圖!A1：活頁簿的標題「某區公所策略地圖」沒有寫出已知的機關，請指定機關（--organisation）。", error.Message);

        var report = await ImportWorkbookAsync(database, "beitou.xlsx", renamed, options: new BscFormOptions("臺北市北投區公所", 110));
        Assert.Equal([new ImportedMap("臺北市北投區公所", 110)], report.Maps);
    }

    [Fact]
    public async Task A_dry_run_lists_what_would_be_created_changed_and_left_alone_and_writes_nothing()
    {
        await using var database = await DatabaseWithOrganisationsAsync();
        var workbook = await File.ReadAllBytesAsync(Beitou);
        var before = await ImportFixtures.SnapshotAsync(database);

        var first = await ImportWorkbookAsync(database, "beitou.xlsx", workbook, dryRun: true);
        Assert.True(first.DryRun);
        Assert.Equal(before, await ImportFixtures.SnapshotAsync(database));
        var kpis = first.Changes.Single(c => c.What == "KPI");
        Assert.Equal(18, kpis.Created.Count);
        Assert.Contains("AC1.1 提升集中燒配合比率", kpis.Created);

        await ImportWorkbookAsync(database, "beitou.xlsx", workbook);
        var again = await ImportWorkbookAsync(database, "beitou.xlsx", workbook, dryRun: true);
        Assert.All(again.Changes, c => Assert.Empty(c.Created.Concat(c.Changed)));   // importing the same form again changes nothing
        Assert.Equal(18, again.Changes.Single(c => c.What == "KPI").Unchanged);

        var edited = Workbooks.WithText(workbook, "平衡計分卡", "G5", "80%");
        var change = await ImportWorkbookAsync(database, "beitou.xlsx", edited, dryRun: true);
        Assert.Equal(["AC1.1 110 年 目標值"], change.Changes.Single(c => c.What == "目標值及實際值").Changed);
        await using var db = database.NewContext();
        Assert.Equal(75m, (await db.KpiValues.SingleAsync(v => v.Raw == "75%")).Number);   // the dry run left the figure as it was
    }

    /// <summary>
    /// The Secretariat's form as seed 001 prints it, typed into Excel cell for cell: the map grid on
    /// 策略地圖 (its 處級策略主題 heading merged over two columns), the table on 平衡計分卡 with
    /// its header repeated on every page, figures typed as text, wrapped lines inside words, several
    /// KPIs in one row with numbered figures (「1.4 2.6 3.2」).
    /// </summary>
    internal static byte[] SecretariatFormAsPrinted()
    {
        var seed = Directory.GetFiles(Path.Combine(SeedData.Folder, "..", "seeds"), "001_*.txt").Single();
        var lines = File.ReadAllLines(seed);
        // The text's space between two Chinese characters is where the printed cell wrapped: a line break in the cell.
        static IReadOnlyList<object?> Cells(string line) => line.Split('\t').Select(c => (object?)WrappedLine().Replace(c.Trim(), "\n")).ToList();
        var table = Array.FindIndex(lines, l => l.StartsWith("臺北市府 秘書處"));
        var grid = new List<IReadOnlyList<object?>>();
        foreach (var line in lines[..table].Where(l => l.Trim().Length > 0))
            grid.Add(line.StartsWith("處級策略主題") ? [.. Cells(line).Take(1), "", .. Cells(line).Skip(1)] : Cells(line));
        var form = lines[table..].Where(l => l.Trim().Length > 0).Select(Cells).ToList();
        return Workbooks.Write(
            new WorksheetRows("策略地圖", grid, ["A3:B3"]),
            new WorksheetRows("平衡計分卡", form));
    }

    [Fact]
    public async Task The_secretariats_form_as_printed_in_seed_001_imports_to_the_facts_of_its_json()
    {
        await using var fromJson = await DatabaseWithOrganisationsAsync();
        await ImportFixtures.ImportFilesAsync(fromJson, SeedData.PathOf("secretariat-bsc-105-107.json"));
        await using var fromExcel = await DatabaseWithOrganisationsAsync();
        var report = await ImportWorkbookAsync(fromExcel, "秘書處平衡計分卡.xlsx", SecretariatFormAsPrinted());

        Assert.Equal([new ImportedMap("臺北市政府秘書處", 105)], report.Maps);   // 「臺北市府 秘書處 平衡計分卡」 and the first 目標值 year
        var expected = FormFacts(await ExportAsync(fromJson, "臺北市政府秘書處", 105));
        var actual = FormFacts(await ExportAsync(fromExcel, "臺北市政府秘書處", 105));
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// A clerk's copy of the same form: columns in another order (owner first, targets before
    /// actuals, plan owner before the budgets), headers typed without line breaks, a blank row under
    /// each section row, full-width digits in the figures, amounts as number cells.
    /// </summary>
    static byte[] SecretariatFormAsAClerkKeepsIt()
    {
        int[] order = [0, 1, 2, 9, 6, 7, 8, 3, 4, 5, 10, 14, 11, 12, 13];
        static object? FullWidth(object? cell) => cell is string text ? string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)(c + 0xFEE0) : c)) : cell;
        static object? AmountCell(object? cell) => cell is string text && decimal.TryParse(text.Replace(",", "").Replace("\n", ""), out var n) ? n : cell;
        var printed = SecretariatFormAsPrinted();
        var sheets = Enumerable.Range(0, 2).Select(i => RowsOf(printed, i)).ToList();
        var form = new List<IReadOnlyList<object?>>();
        foreach (var read in sheets[1])
        {
            var row = read.Count >= 10 ? [.. read, .. Enumerable.Repeat<object?>("", 15 - read.Count)] : read;   // a blank last cell is still a column
            if (row.Count < 15)
            {
                form.Add(row);
                if (row.Count == 1 && row[0] is string t && t.EndsWith("構面"))
                    form.Add([]);
                continue;
            }
            var header = row[0] is "策略目標";
            var cells = order.Select(i => header ? (object?)((string)row[i]!).Replace("\n", "").Replace(" ", "")
                : i is >= 3 and <= 8 ? FullWidth(row[i]) : i is >= 11 and <= 13 ? AmountCell(row[i]) : row[i]).ToList();
            form.Add(cells);
        }
        return Workbooks.Write(new WorksheetRows("策略地圖", sheets[0], ["A3:B3"]), new WorksheetRows("平衡計分卡", form));
    }

    static IReadOnlyList<IReadOnlyList<object?>> RowsOf(byte[] workbook, int sheet)
    {
        var grid = SheetGrid.ReadWorkbook(new MemoryStream(workbook))[sheet];
        return Enumerable.Range(0, grid.RowCount)
            .Select(r => (IReadOnlyList<object?>)Enumerable.Range(0, grid.ColumnCount).Select(c => (object?)grid.Text(r, c)).Reverse().SkipWhile(c => (string)c! == "").Reverse().ToList())
            .ToList();
    }

    [Fact]
    public async Task A_clerks_copy_with_moved_columns_full_width_digits_and_blank_rows_reads_as_the_printed_form()
    {
        await using var database = await DatabaseWithOrganisationsAsync();
        await ImportWorkbookAsync(database, "printed.xlsx", SecretariatFormAsPrinted());
        var printed = FormFacts(await ExportAsync(database, "臺北市政府秘書處", 105));
        await using var other = await DatabaseWithOrganisationsAsync();
        await ImportWorkbookAsync(other, "clerk.xlsx", SecretariatFormAsAClerkKeepsIt());

        Assert.Equal(printed.Order(), FormFacts(await ExportAsync(other, "臺北市政府秘書處", 105)).Order());   // the figures come in the clerk's column order
        var again = await ImportWorkbookAsync(other, "clerk.xlsx", SecretariatFormAsAClerkKeepsIt(), dryRun: true);
        Assert.All(again.Changes, c => Assert.Empty(c.Changed));   // the two copies are one form: nothing would change
    }

    public static TheoryData<string, int> DemoMaps => new()
    {
        { "臺北市政府", 107 }, { "臺北市政府", 108 }, { "臺北市政府", 109 },
        { "臺北市政府秘書處", 105 }, { "臺北市政府秘書處", 106 }, { "臺北市北投區公所", 110 },
    };

    /// <summary>
    /// Every demo map exported as the BSC workbook and imported into an empty database (with the
    /// organisations) gives back what the form holds: objectives, KPIs and their owners, the six
    /// years' figures, parts, action plans with owners and budgets.
    /// </summary>
    [Theory]
    [MemberData(nameof(DemoMaps))]
    public async Task The_bsc_workbook_export_reimports_to_the_same_facts(string organisation, int rocYear)
    {
        await using var demo = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(demo, ImportFixtures.DemoDataFiles());
        byte[] workbook;
        await using (var db = demo.NewContext())
            workbook = BscTableXlsx.Render(BscTable.Build((await MapQueries.ReadAsync(db, organisation, rocYear))!));
        await using var copy = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportTextAsync(copy, "organisations.json", await OrganisationsOfAsync(demo));

        await ImportWorkbookAsync(copy, "bsc.xlsx", workbook);
        // Over its own map the workbook finds every row again (CF３.3.1 included): it would create none.
        var over = await ImportWorkbookAsync(demo, "bsc.xlsx", workbook, dryRun: true);
        Assert.All(over.Changes.Where(c => c.What is "策略目標" or "KPI" or "行動方案" or "目標值及實際值"), c => Assert.Empty(c.Created));

        // Actuals of the three years before the plan year; targets and budgets of the plan year and the two after.
        bool FormYears(int y, string kind) => kind == "actual" ? y >= rocYear - 3 && y < rocYear : y >= rocYear && y <= rocYear + 2;
        // A full-width digit in a code (CF３.3.1, kept as the JSON writes it) reads as the digit a person sees.
        var expected = FormFacts(await ExportAsync(demo, organisation, rocYear), FormYears).Select(Domain.Common.HalfWidth.Of).Order();
        var actual = FormFacts(await ExportAsync(copy, organisation, rocYear), FormYears).Order();
        Assert.Equal(expected, actual);
    }

    /// <summary>The organisations of a database as an interchange file: names, levels, parents, aliases.</summary>
    static async Task<string> OrganisationsOfAsync(SqliteDatabase database)
    {
        await using var db = database.NewContext();
        var all = await db.Organisations.AsNoTracking().ToListAsync();
        var list = all.Select(o => new OrganizationDto
        {
            Name = o.Name,
            Level = Domain.Organisations.OrganisationTree.FormatLevel(o.Level),
            Parent = all.FirstOrDefault(p => p.Id == o.ParentId)?.Name,
            Aliases = o.Aliases.ToList(),
        }).ToList();
        return MapExporter.Serialize(new MapFile { Organizations = list });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=[\p{IsCJKUnifiedIdeographs}\uFF00-\uFFEF\u3000-\u303F]) (?=[\p{IsCJKUnifiedIdeographs}\uFF00-\uFFEF\u3000-\u303F])")]
    private static partial System.Text.RegularExpressions.Regex WrappedLine();
}
