using Scorecard.Domain.Common;
using System.Text.RegularExpressions;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Interchange.Json;

namespace Scorecard.Interchange.Excel;

/// <summary>What the import is told beside the workbook: the organisation and plan year, where the workbook does not state them.</summary>
/// <param name="CreateOrganisation">Where the title names no known organisation, the one it names is made (the administrator's choice).</param>
public sealed record BscFormOptions(string? Organisation = null, int? PlanYear = null, bool CreateOrganisation = false);

/// <summary>A workbook read into the interchange format, with the cell each fact came from (JSON path → 「平衡計分卡!F12」).</summary>
public sealed record WorkbookFacts(MapFile File, IReadOnlyDictionary<string, string> Cells);

/// <summary>
/// Reads the BSC form staff fill in Excel (PRODUCT §3, issue 7 §3) into the interchange format, so
/// that it imports exactly as the JSON does. Both printed layouts read: seed 001's one table with a
/// section row per perspective, and seed 002's table per theme under 「策略主題：(B)…--1/2」. Columns
/// are found by their header text, the years come from the headers, and a header row repeated on
/// every printed page is passed over. The map grid (sheet 策略地圖, or the rows above the table)
/// gives the themes, their lead units and the statements. A cell that cannot be read is refused
/// with the sheet and cell: 「平衡計分卡!F12：「1,2,3」不是數字，也不是已知的狀態。」
/// </summary>
public sealed partial class BscFormReader
{
    readonly string fileName;
    readonly MapFile file = new() { Themes = [], Objectives = [], Kpis = [], ActionPlans = [] };
    readonly Dictionary<string, string> cells = [];
    readonly Dictionary<string, ThemeDto> themes = [];
    readonly Dictionary<string, ObjectiveDto> objectives = [];
    readonly Dictionary<string, KpiDto> kpis = [];
    // By KPI and code: the city's map prints GP2.5.1 under two KPIs.
    readonly Dictionary<(string Kpi, string Code), ActionPlanDto> plans = [];
    readonly List<string> titles = [];
    // The grid's objectives come after the table's, so the map keeps the table's order; the grid adds those without KPIs.
    readonly List<(string Code, string Name, string Theme, string Perspective, string Cell)> gridObjectives = [];

    BscFormReader(string fileName) => this.fileName = fileName;

    public static WorkbookFacts Read(string fileName, Stream content, IReadOnlyCollection<Organisation> organisations, BscFormOptions options)
    {
        IReadOnlyList<SheetGrid> sheets;
        try
        {
            sheets = SheetGrid.ReadWorkbook(content);
        }
        catch (SheetLimitException e)
        {
            throw new ImportException(fileName, e.Place, e.Reason);
        }
        // FileFormatException (not a zip, or not an Office package) is a FormatException.
        // A part the package lists but does not hold is an InvalidOperationException; a part that is not XML an XmlException.
        catch (Exception e) when (e is InvalidDataException or FormatException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or ArgumentException
                                  or InvalidOperationException or System.Xml.XmlException)
        {
            throw new ImportException(fileName, "活頁簿", $"不是可讀取的 Excel 活頁簿（.xlsx）。");
        }
        var reader = new BscFormReader(fileName);
        return reader.ReadSheets(sheets, organisations, options);
    }

    WorkbookFacts ReadSheets(IReadOnlyList<SheetGrid> sheets, IReadOnlyCollection<Organisation> organisations, BscFormOptions options)
    {
        var tables = sheets.Select(s => (Sheet: s, Header: FirstHeader(s))).ToList();
        if (tables.All(t => t.Header is null))
            throw new ImportException(fileName, sheets.FirstOrDefault()?.Name ?? "活頁簿",
                $"找不到平衡計分卡的表頭：需要一列含「策略目標」、「KPI (關鍵績效指標)」及「…年 目標值」的欄名。");
        // The map grid first (themes, lead units), then the tables that use them.
        foreach (var (sheet, header) in tables)
            ReadGrid(sheet, header?.Row ?? sheet.RowCount);
        int? firstTargetYear = null;
        foreach (var (sheet, header) in tables)
            if (header is not null)
                firstTargetYear ??= ReadTable(sheet, header);

        foreach (var o in gridObjectives.Where(o => !objectives.ContainsKey(o.Code)))
            Objective(o.Code, o.Name, o.Theme, o.Perspective, o.Cell);
        MoveCityObjectives();
        file.Organization = Organisation(organisations, options);
        file.PlanYear = options.PlanYear ?? firstTargetYear
            ?? throw new ImportException(fileName, "表頭", $"找不到計畫年度：表頭沒有「…年 目標值」欄，請指定計畫年度（--plan-year）。");
        cells.TryAdd("$.planYear", "表頭");
        file.Title = titles.FirstOrDefault();
        file.Source = fileName;
        file.Themes!.AddRange(themes.Values);
        return new WorkbookFacts(file, cells);
    }

    // ---- The header row ------------------------------------------------------------------------

    enum Role { Perspective, Objective, Kpi, Formula, Unit, Actual, Target, KpiOwner, Plan, Budget, PlanOwner }

    sealed record Column(int Index, Role Role, int? Year);

    sealed record Header(int Row, IReadOnlyList<Column> Columns)
    {
        public Column? Of(Role role) => Columns.FirstOrDefault(c => c.Role == role);
        public IEnumerable<Column> All(Role role) => Columns.Where(c => c.Role == role);
    }

    static Header? FirstHeader(SheetGrid sheet)
    {
        for (var r = 0; r < sheet.RowCount; r++)
            if (HeaderAt(sheet, r) is { } header)
                return header;
        return null;
    }

    /// <summary>The row's columns by their header text, when the row is the table's header.</summary>
    static Header? HeaderAt(SheetGrid sheet, int row)
    {
        var columns = new List<Column>();
        foreach (var (index, cell) in sheet.Row(row))
        {
            if (sheet.ContinuesLeft(row, index))
                continue;
            if (RoleOf(CellReading.Squeeze(cell.Text)) is { } role)
                columns.Add(new Column(index, role, CellReading.YearOf(cell.Text)));
        }
        var isHeader = columns.Any(c => c.Role == Role.Objective) && columns.Any(c => c.Role == Role.Kpi)
            && columns.Any(c => c.Role is Role.Target or Role.Actual);
        return isHeader ? new Header(row, columns) : null;
    }

    static Role? RoleOf(string h)
    {
        if (h == "構面") return Role.Perspective;
        if (h.StartsWith("策略目標", StringComparison.Ordinal)) return Role.Objective;
        if (h.Contains("實際值", StringComparison.Ordinal) && CellReading.YearOf(h) is not null) return Role.Actual;
        if (h.Contains("目標值", StringComparison.Ordinal) && CellReading.YearOf(h) is not null) return Role.Target;
        if (h.Contains("預算", StringComparison.Ordinal) && CellReading.YearOf(h) is not null) return Role.Budget;
        if (h.StartsWith("行動方案", StringComparison.Ordinal) || h.StartsWith("行動方", StringComparison.Ordinal))
            return h.Contains("主責", StringComparison.Ordinal) ? Role.PlanOwner : Role.Plan;
        if (h.Contains("公式", StringComparison.Ordinal)) return Role.Formula;
        if (h.StartsWith("KPI", StringComparison.OrdinalIgnoreCase) || h.StartsWith("關鍵績效指標", StringComparison.Ordinal))
            return h.Contains("主責", StringComparison.Ordinal) ? Role.KpiOwner : Role.Kpi;
        if (h is "單位" or "計量單位") return Role.Unit;
        return null;
    }

    // ---- The map grid --------------------------------------------------------------------------

    [GeneratedRegex(@"^[(（]\s*(?<code>[A-Z])\s*[)）]\s*(?<name>.+)$")]
    private static partial Regex CodeFirstTheme();

    [GeneratedRegex(@"^(?<name>.+?)\s*(?<code>[A-Z])$")]
    private static partial Regex CodeLastTheme();

    /// <summary>「策略主題：(B)落實基層服務--1/2」: the theme a table block is for.</summary>
    [GeneratedRegex(@"策略主題\s*[:：]?\s*[(（]\s*(?<code>[A-Z])\s*[)）]\s*(?<name>.+?)\s*(?:-+\s*\d+\s*/\s*\d+)?$")]
    private static partial Regex BlockTitle();

    static (string Code, string Name)? ThemeHeading(string text)
    {
        var s = CellReading.Tidy(text);
        var m = CodeFirstTheme().Match(s);
        if (!m.Success) m = CodeLastTheme().Match(s);
        return m.Success ? (m.Groups["code"].Value, CellReading.Tidy(m.Groups["name"].Value)) : null;
    }

    /// <summary>
    /// The rows above a table (or a sheet without one): the title, 使命/願景/核心價值, the
    /// 策略主題 row, a row per perspective with each theme's objectives, and the 主辦單位 row.
    /// </summary>
    void ReadGrid(SheetGrid sheet, int end)
    {
        var themeColumns = new Dictionary<int, string>();
        for (var r = 0; r < end; r++)
        {
            var row = sheet.Row(r).Where(x => !sheet.ContinuesLeft(r, x.Column)).ToList();
            if (row.Count == 0)
                continue;
            var first = CellReading.Squeeze(row[0].Cell.Text);
            if (r == 0 || (row.Count == 1 && titles.Count == 0 && first.Length > 0))
            {
                cells.TryAdd("$.title", sheet.Locate(r, row[0].Column));
                titles.Add(CellReading.Tidy(row[0].Cell.Text));
            }
            if (row.Any(x => StatementLabel(x.Cell.Text) is not null))
            {
                foreach (var (column, cell) in row)
                    ReadStatement(sheet, r, column, cell.Text);
                continue;
            }
            if (first.EndsWith("策略主題", StringComparison.Ordinal))
            {
                foreach (var (column, cell) in row.Skip(1))
                    if (ThemeHeading(cell.Text) is { } heading)
                    {
                        themeColumns[column] = heading.Code;
                        Theme(heading.Code, heading.Name, sheet.Locate(r, column));
                    }
                continue;
            }
            var label = row.TakeWhile(x => !themeColumns.ContainsKey(x.Column)).Select(x => x.Cell.Text).ToList();
            if (label.Any(t => CellReading.Squeeze(t) is "主辦單位" or "主辦機關" or "主辦"))
            {
                foreach (var (column, cell) in row)
                    if (themeColumns.TryGetValue(column, out var code) && themes.TryGetValue(code, out var theme))
                        theme.LeadUnit = CellReading.Tidy(cell.Text);
                continue;
            }
            var perspective = label.Select(CellReading.PerspectiveOf).FirstOrDefault(p => p is not null);
            if (perspective is null)
                continue;
            foreach (var (column, cell) in row)
            {
                if (!themeColumns.TryGetValue(column, out var themeCode))
                    continue;
                foreach (var (code, name) in CellReading.CodedEntries(cell.Text, depth: 0))
                    if (code is not null)
                        gridObjectives.Add((code, name, themeCode, perspective.Code, sheet.Locate(r, column)));
            }
        }
    }

    static string? StatementLabel(string text)
    {
        var s = text.TrimStart();
        return new[] { "使命", "願景", "核心價值" }.FirstOrDefault(l => s.StartsWith(l, StringComparison.Ordinal));
    }

    // 「使命 提高行政效能 加速民情反應」: the items are separated by spaces; the vision is one sentence.
    void ReadStatement(SheetGrid sheet, int row, int column, string text)
    {
        if (StatementLabel(text) is not { } label)
            return;
        var rest = text.Trim()[label.Length..].TrimStart(' ', '：', ':', '\n').Trim();
        if (rest.Length == 0)
            return;
        var items = rest.Split([' ', '\n', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        switch (label)
        {
            case "使命": file.Mission = items; cells["$.mission"] = sheet.Locate(row, column); break;
            case "願景": file.Vision = CellReading.Tidy(rest); cells["$.vision"] = sheet.Locate(row, column); break;
            default: file.CoreValues = items; cells["$.coreValues"] = sheet.Locate(row, column); break;
        }
    }

    // ---- The table -----------------------------------------------------------------------------

    /// <summary>Reads a table sheet from its first header down; the first target year of its header.</summary>
    int? ReadTable(SheetGrid sheet, Header header)
    {
        var firstTargetYear = header.All(Role.Target).Select(c => c.Year).Min();
        // The block's 「策略主題：(A)…」 sits above its header.
        var above = Enumerable.Range(0, header.Row).Reverse().Select(r => sheet.Row(r).FirstOrDefault()).FirstOrDefault(x => x.Cell is not null);
        string? theme = null;
        if (above.Cell is { } titleCell && BlockTitle().Match(CellReading.Tidy(titleCell.Text)) is { Success: true } first)
        {
            theme = first.Groups["code"].Value;
            Theme(theme, CellReading.Tidy(first.Groups["name"].Value), sheet.Locate(header.Row - 1, above.Column));
        }
        string? perspective = null;
        ObjectiveDto? objective = null;
        IReadOnlyList<KpiDto> rowKpis = [];
        for (var r = header.Row + 1; r < sheet.RowCount; r++)
        {
            var row = sheet.Row(r).ToList();
            if (row.Count == 0)
                continue;
            var distinct = row.Select(x => CellReading.Squeeze(x.Cell.Text)).Distinct().ToList();
            if (HeaderAt(sheet, r) is { } repeated)
            {
                header = repeated;   // a page's header again, perhaps with its columns moved
                continue;
            }
            if (distinct[0].StartsWith("填表說明", StringComparison.Ordinal))
                break;
            if (BlockTitle().Match(CellReading.Tidy(row[0].Cell.Text)) is { Success: true } block)
            {
                theme = block.Groups["code"].Value;
                Theme(theme, CellReading.Tidy(block.Groups["name"].Value), sheet.Locate(r, row[0].Column));
                perspective = null;
                objective = null;
                rowKpis = [];
                continue;
            }
            if (distinct.Count == 1 && CellReading.PerspectiveOf(distinct[0]) is { } section)
            {
                perspective = section.Code;   // 「顧客構面」 spanning the row
                continue;
            }
            if (header.Of(Role.Perspective) is { } pc && CellReading.PerspectiveOf(sheet.Text(r, pc.Index)) is { } p)
                perspective = p.Code;

            var objectiveColumn = header.Of(Role.Objective)!;
            var objectiveText = sheet.Text(r, objectiveColumn.Index);
            if (objectiveText.Trim().Length > 0 && !(sheet[r, objectiveColumn.Index]!.MergedCopy && objective is not null))
            {
                var entries = CellReading.CodedEntries(objectiveText, depth: 0);
                if (entries is not [({ } code, var name), ..])
                    throw Fail(sheet, r, objectiveColumn.Index, $"「{objectiveText.Trim()}」沒有策略目標代碼（如「AC1 提高員工職舍配住率」）。");
                if (objective?.Code != code)
                {
                    // The theme its letter names, else the block's; with themes known and neither, a city-wide objective (TC1) of no theme.
                    var themeCode = themes.ContainsKey(code[..1]) ? code[..1] : theme ?? (themes.Count > 0 ? null : code[..1]);
                    var perspectiveCode = perspective ?? Domain.Kpis.Codes.ParseObjective(code)?.Perspective
                        ?? throw Fail(sheet, r, objectiveColumn.Index, $"策略目標「{code}」不在任何構面之下。");
                    objective = Objective(code, name, themeCode, perspectiveCode, sheet.Locate(r, objectiveColumn.Index));
                    rowKpis = [];
                }
            }
            if (objective is null)
            {
                if (row.Any(x => x.Column == header.Of(Role.Kpi)!.Index))
                    throw Fail(sheet, r, objectiveColumn.Index, $"此列有 KPI 但沒有策略目標。");
                continue;
            }

            var kpiColumn = header.Of(Role.Kpi)!;
            var kpiText = sheet.Text(r, kpiColumn.Index);
            if (kpiText.Trim().Length > 0 && !(sheet[r, kpiColumn.Index]!.MergedCopy && rowKpis.Count > 0))
            {
                // Lines 「(1) 臺北市政府財政局」 under the KPI name its parts (the product's own export writes them).
            var partNames = PartLine().Matches(kpiText).Select(m => CellReading.Tidy(m.Groups["name"].Value)).ToList();
            var entries = CellReading.CodedEntries(PartLine().Replace(kpiText, ""), depth: 1);
                if (entries.Any(e => e.Code is null))
                    throw Fail(sheet, r, kpiColumn.Index, $"「{kpiText.Trim()}」沒有 KPI 代碼（如「AC1.1 縮短職舍通知配住日數」）。");
                if (rowKpis.Select(k => k.Code).SequenceEqual(entries.Select(e => e.Code)) is false)
                    rowKpis = ReadKpis(sheet, r, header, objective, entries, partNames);
            }
            if (rowKpis.Count > 0)
                ReadPlans(sheet, r, header, rowKpis);
        }
        return firstTargetYear;
    }

    /// <summary>The KPIs of a row: one, or several where the form lists numbered KPIs in one cell (seed 001's BC1.1–BC1.3).</summary>
    IReadOnlyList<KpiDto> ReadKpis(SheetGrid sheet, int r, Header header, ObjectiveDto objective, IReadOnlyList<(string? Code, string Name)> entries, IReadOnlyList<string> partNames)
    {
        var count = entries.Count;
        var kpisOfRow = new List<KpiDto>();
        string?[] formulas = new string?[count];
        string?[] units = new string?[count];
        if (header.Of(Role.Formula) is { } fc && sheet.Text(r, fc.Index).Trim() is { Length: > 0 } formulaText)
        {
            var (formula, unit) = CellReading.FormulaAndUnit(formulaText);
            var parts = count > 1 ? CellReading.Numbered(formula, count) : null;
            var unitParts = count > 1 && unit?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { } u && u.Length == count ? u : null;
            for (var i = 0; i < count; i++)
            {
                formulas[i] = CellReading.Tidy(parts?[i] ?? formula);
                units[i] = unitParts?[i] ?? (unit is null ? null : CellReading.Tidy(unit));
            }
        }
        if (header.Of(Role.Unit) is { } uc && sheet.Text(r, uc.Index).Trim() is { Length: > 0 } unitText)
            for (var i = 0; i < count; i++)
                units[i] = CellReading.Tidy(unitText);
        var owners = header.Of(Role.KpiOwner) is { } oc ? CellReading.Owners(sheet.Text(r, oc.Index)) : null;

        for (var i = 0; i < count; i++)
        {
            var code = entries[i].Code!;
            if (!kpis.TryGetValue(code, out var kpi))
            {
                kpi = new KpiDto { Code = code, Values = [] };
                kpis[code] = kpi;
                cells[$"$.kpis[{file.Kpis!.Count}]"] = sheet.Locate(r, header.Of(Role.Kpi)!.Index);
                file.Kpis.Add(kpi);
            }
            kpi.Objective = objective.Code;
            kpi.Name = entries[i].Name;
            if (formulas[i] is not null) kpi.Formula = formulas[i];
            if (units[i] is not null) kpi.Unit = units[i];
            if (owners is not null) kpi.Owners = [.. owners];
            kpisOfRow.Add(kpi);
        }

        var valueColumns = header.Columns.Where(c => c.Role is Role.Actual or Role.Target).ToList();
        // One KPI whose cells hold a figure per part (seed 001's GF1.1: 「20 5」 under 「…張數≥20張 …支數≥5支」).
        var partCount = count > 1 ? 1 : partNames.Count > 1 ? partNames.Count
            : valueColumns.Select(c => CellReading.PartFigures(sheet[r, c.Index])?.Count ?? 1).DefaultIfEmpty(1).Max();
        if (partCount > 1)
            ReadParts(kpisOfRow[0], partCount, partNames, header.Of(Role.Formula) is { } f ? sheet.Text(r, f.Index) : "", owners);
        foreach (var column in valueColumns)
        {
            var cell = sheet[r, column.Index];
            if (cell is null || cell.Text.Trim().Length == 0)
                continue;
            // Several KPIs in one row: each value cell numbers their figures (「1.4 2.6 3.2」).
            var texts = count > 1 ? CellReading.Numbered(cell.Text, count)?.Select(t => (string?)t).ToList() ?? Enumerable.Repeat<string?>(cell.Text, count).ToList()
                : partCount > 1 ? CellReading.PartValues(cell, partCount).Select(t => (string?)t).ToList()
                : [null];
            if (texts.Count != Math.Max(count, partCount))
                throw Fail(sheet, r, column.Index, $"「{cell.Text.Trim()}」有 {texts.Count} 個數值，但此 KPI 有 {partCount} 個分項。");
            for (var i = 0; i < texts.Count; i++)
            {
                var (value, error) = texts[i] is { } text ? CellReading.ValueText(text) : CellReading.Value(cell);
                if (error is not null)
                    throw Fail(sheet, r, column.Index, error);
                if (value is null)
                    continue;
                var kpiIndex = file.Kpis!.IndexOf(kpisOfRow[count > 1 ? i : 0]);
                var (target, path) = partCount > 1
                    ? (kpisOfRow[0].SubValues![i], $"$.kpis[{kpiIndex}].subValues[{i}]")
                    : (kpisOfRow[i], $"$.kpis[{kpiIndex}]");
                var kind = column.Role == Role.Actual ? "actual" : "target";
                target.Values ??= [];
                target.Values.RemoveAll(v => v.Year == column.Year && v.Kind == kind && v.Period == "Y");
                cells[$"{path}.values[{target.Values.Count}]"] = sheet.Locate(r, column.Index);
                target.Values.Add(new ValueDto { Year = column.Year, Period = "Y", Kind = kind, Value = value.Number, Status = value.Status, Raw = value.Raw });
            }
        }
        if (kpisOfRow.Any(k => k.Unit is null) && header.Columns.Where(c => c.Role is Role.Actual or Role.Target).Any(c => sheet[r, c.Index]?.Percent == true))
            foreach (var kpi in kpisOfRow.Where(k => k.Unit is null))
                kpi.Unit = "%";   // percent-formatted figures (seed 002's 75.0%)
        return kpisOfRow;
    }

    /// <summary>
    /// The parts of a KPI whose figures come several to a cell: named by the formula's statements
    /// where it has one per part (「年度製作市政建設視覺圖片張數≥20張」), else 「分項 1」….
    /// </summary>
    static void ReadParts(KpiDto kpi, int count, IReadOnlyList<string> names, string formulaCell, IReadOnlyList<string>? owners)
    {
        var statements = CellReading.Statements(CellReading.FormulaAndUnit(formulaCell).Formula);
        var units = kpi.Unit?.Split('、') is { } u && u.Length == count ? u : null;
        kpi.SubValues = Enumerable.Range(0, count).Select(i => new KpiDto
        {
            Code = kpi.Code,
            Name = names.Count == count ? names[i] : statements.Count == count ? statements[i].Name : $"分項 {i + 1}",
            Formula = statements.Count == count ? statements[i].Formula : null,
            Threshold = statements.Count == count ? statements[i].Threshold : null,
            Unit = units?[i] ?? kpi.Unit,
            Owners = owners is null ? null : [.. owners],
            Values = [],
        }).ToList();
    }

    /// <summary>The action plans of a row, each with its budgets and owners; a plan belongs to the KPI its code continues, else to the row's KPI.</summary>
    void ReadPlans(SheetGrid sheet, int r, Header header, IReadOnlyList<KpiDto> rowKpis)
    {
        if (header.Of(Role.Plan) is not { } planColumn)
            return;
        var cell = sheet[r, planColumn.Index];
        if (cell is null || cell.Text.Trim().Length == 0 || (cell.MergedCopy && sheet[r - 1, planColumn.Index]?.Text == cell.Text))
            return;
        var entries = CellReading.CodedEntries(cell.Text, depth: 2);
        var owners = header.Of(Role.PlanOwner) is { } oc ? CellReading.Owners(sheet.Text(r, oc.Index)) : null;
        foreach (var (printedCode, name) in entries)
        {
            var kpi = rowKpis.FirstOrDefault(k => printedCode is not null && printedCode.StartsWith(k.Code + ".", StringComparison.Ordinal)) ?? rowKpis[^1];
            var code = printedCode ?? $"{kpi.Code}.{plans.Values.Count(p => p.Kpi == kpi.Code) + 1}";
            if (!plans.TryGetValue((kpi.Code!, code), out var plan))
            {
                plan = new ActionPlanDto { Code = code };
                plans[(kpi.Code!, code)] = plan;
                cells[$"$.actionPlans[{file.ActionPlans!.Count}]"] = sheet.Locate(r, planColumn.Index);
                file.ActionPlans.Add(plan);
            }
            plan.Kpi = kpi.Code;
            plan.Name = name;
            if (owners is not null) plan.Owners = [.. owners];
            var index = file.ActionPlans!.IndexOf(plan);
            foreach (var column in header.All(Role.Budget))
            {
                var (amount, error) = CellReading.Amount(sheet[r, column.Index]);
                if (error is not null)
                    throw Fail(sheet, r, column.Index, error);
                if (amount is null)
                    continue;
                plan.Budgets ??= [];
                plan.Budgets.RemoveAll(b => b.Year == column.Year);
                cells[$"$.actionPlans[{index}].budgets[{plan.Budgets.Count}]"] = sheet.Locate(r, column.Index);
                plan.Budgets.Add(new BudgetDto { Year = column.Year, Amount = amount });
            }
        }
    }

    // ---- Facts gathered from anywhere in the workbook ------------------------------------------

    void Theme(string code, string name, string cell)
    {
        if (!themes.TryGetValue(code, out var theme))
        {
            themes[code] = theme = new ThemeDto { Code = code };
            cells[$"$.themes[{themes.Count - 1}]"] = cell;
        }
        theme.Name = name;
    }

    ObjectiveDto Objective(string code, string name, string? theme, string perspective, string cell)
    {
        if (!objectives.TryGetValue(code, out var objective))
        {
            objectives[code] = objective = new ObjectiveDto { Code = code };
            cells[$"$.objectives[{file.Objectives!.Count}]"] = cell;
            file.Objectives.Add(objective);
        }
        objective.Name = name;
        objective.Theme = theme;
        objective.Perspective = perspective;
        return objective;
    }

    /// <summary>Objectives of no theme go in the file's cityObjectives, as the JSON has them; their cells move with them.</summary>
    void MoveCityObjectives()
    {
        var all = file.Objectives!;
        var located = all.Select((_, i) => cells.Remove($"$.objectives[{i}]", out var cell) ? cell : null).ToList();
        file.Objectives = [];
        file.CityObjectives = [];
        for (var i = 0; i < all.Count; i++)
        {
            string path;
            if (all[i].Theme is null)
            {
                path = $"$.cityObjectives[{file.CityObjectives.Count}]";
                file.CityObjectives.Add(new CityObjectiveDto { Code = all[i].Code, Perspective = all[i].Perspective, Name = all[i].Name });
            }
            else
            {
                path = $"$.objectives[{file.Objectives.Count}]";
                file.Objectives.Add(all[i]);
            }
            if (located[i] is { } cell)
                cells[path] = cell;
        }
    }

    /// <summary>
    /// The organisation the workbook is for: the one named, else the one its title names
    /// (「臺北市政府秘書處策略地圖」, 「臺北市府 秘書處 平衡計分卡」) by name, alias, or name within its parent.
    /// </summary>
    OrganizationDto Organisation(IReadOnlyCollection<Organisation> organisations, BscFormOptions options)
    {
        Organisation? found;
        if (options.Organisation is { } named)
        {
            found = OrganisationNames.Find(named, organisations)
                ?? throw new ImportException(fileName, "機關", $"找不到機關「{named}」；請確認名稱，或請系統管理者先建立此機關。");
        }
        else
        {
            var matches = organisations
                .SelectMany(o => NameForms(o, organisations).Select(form => (Organisation: o, Form: form)))
                .Where(x => titles.Any(t => CellReading.Squeeze(t).Contains(x.Form, StringComparison.Ordinal)))
                .ToList();
            var longest = matches.Count == 0 ? 0 : matches.Max(m => m.Form.Length);
            var best = matches.Where(m => m.Form.Length == longest).Select(m => m.Organisation).Distinct().ToList();
            // 「臺北市政府資訊局策略地圖」 names the city too: with the city known, a new bureau is the title's, not the city's map.
            if (options.CreateOrganisation && titles.Count > 0 && OrganisationTitles.Read(titles[0], organisations) is { } titled
                && organisations.All(o => o.Name != titled.Name) && best.All(o => o.Name == titled.Parent))
                return new OrganizationDto { Name = titled.Name, Level = OrganisationTree.FormatLevel(titled.Level), Parent = titled.Parent };
            found = best.Count == 1 ? best[0] : throw new ImportException(fileName, cells.GetValueOrDefault("$.title") ?? "標題",
                best.Count == 0
                    ? (FormattableString)$"活頁簿的標題{(titles.Count > 0 ? $"「{titles[0]}」" : "")}沒有寫出已知的機關，請指定機關（--organisation）。"
                    : $"活頁簿的標題「{titles[0]}」可指 {Said.List(best.Select(o => o.Name))}，請指定機關（--organisation）。");
        }
        return new OrganizationDto { Name = found.Name, Level = OrganisationTree.FormatLevel(found.Level) };
    }

    static IEnumerable<string> NameForms(Organisation o, IReadOnlyCollection<Organisation> all)
    {
        yield return o.Name;
        foreach (var alias in o.Aliases)
            yield return alias;
        if (all.FirstOrDefault(p => p.Id == o.ParentId) is { } parent && o.Name.StartsWith(parent.Name, StringComparison.Ordinal) && o.Name.Length > parent.Name.Length)
            yield return o.Name[parent.Name.Length..];   // 秘書處 of 臺北市政府秘書處
        if (o.Name.StartsWith("臺北市政府", StringComparison.Ordinal))
            yield return "臺北市府" + o.Name["臺北市政府".Length..];
    }

    [GeneratedRegex(@"^\s*[(（](?<n>\d+)[)）]\s*(?<name>.+)$", RegexOptions.Multiline)]
    private static partial Regex PartLine();

    ImportException Fail(SheetGrid sheet, int row, int column, FormattableString reason) => new(fileName, sheet.Locate(row, column), reason);
}
