using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

/// <summary>
/// 修改紀錄: the audit trail in words. Each audit entry becomes 「修改KPI AC1.1：名稱「甲」→「乙」」;
/// one save is one line of history (an import of a whole map is summed up as counts). The words are
/// messages (FormattableStrings), said in the reader's language; the values stay as entered.
/// </summary>
public sealed class ChangeHistory(ScorecardDb db, Infrastructure.Caching.CachedReads cached)
{
    /// <summary>One change to one row, in words.</summary>
    /// <param name="Action">create, update or delete, as audited.</param>
    public sealed record Change(string Action, FormattableString What, IReadOnlyList<FormattableString> Fields)
    {
        public FormattableString Summary => (Action, Fields.Count) switch
        {
            ("create", 0) => $"新增{What}",
            ("create", _) => $"新增{What}：{Said.List(Fields, "；")}",
            ("delete", 0) => $"刪除{What}",
            ("delete", _) => $"刪除{What}：{Said.List(Fields, "；")}",
            (_, 0) => $"修改{What}",
            _ => $"修改{What}：{Said.List(Fields, "；")}",
        };
    }

    /// <summary>One save: who, when, and what it changed. A save of many rows carries counts instead of every row.</summary>
    public sealed record Save(DateTime At, string Actor, IReadOnlyList<Change> Changes, IReadOnlyList<FormattableString> Counts);

    /// <summary>A save with more rows than this is summed up (an import creates hundreds).</summary>
    const int ListedRows = 12;

    public Task<IReadOnlyList<Save>> OfMapAsync(Guid mapId, int saves = 50, CancellationToken ct = default) =>
        KeptAsync(DirectReads.AuditTrail.OfMap, mapId, saves, ct);

    public Task<IReadOnlyList<Save>> OfKpiAsync(Guid kpiId, int saves = 50, CancellationToken ct = default) =>
        KeptAsync(DirectReads.AuditTrail.OfKpi, kpiId, saves, ct);

    /// <summary>
    /// The history, kept in the read cache while the trail it is read from is as it was (its version, <see
    /// cref="DirectReads.TrailVersion"/>). Not the content stamp alone: drafts and submissions, which do not
    /// move it, are in the trail. The version is a scan of an index, one plain command once a request
    /// (<see cref="Infrastructure.Caching.CachedReads.TrailVersionAsync"/>); grouping the entries, as
    /// <see cref="ReadAsync"/> must, took a signed-in map page half its time.
    /// </summary>
    async Task<IReadOnlyList<Save>> KeptAsync(DirectReads.AuditTrail trail, Guid id, int saves, CancellationToken ct)
    {
        var version = await cached.TrailVersionAsync(trail, id, ct);
        System.Linq.Expressions.Expression<Func<AuditEntry, bool>> which = trail == DirectReads.AuditTrail.OfMap ? a => a.MapId == id : a => a.KpiId == id;
        return await cached.GetAsync(("history", trail, id, saves, version),
            services => services.GetRequiredService<ChangeHistory>().ReadAsync(which, saves, CancellationToken.None), ct);
    }

    /// <summary>The newest saves, counted in the database, so that an import of thousands of rows is summed up truly without being read.</summary>
    async Task<IReadOnlyList<Save>> ReadAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> which, int saves, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(which);
        var newest = await entries.GroupBy(a => new { a.At, a.Actor })
            .Select(g => new { g.Key.At, g.Key.Actor, Rows = g.Count(), Last = g.Max(a => a.Id) })
            .OrderByDescending(g => g.Last).Take(saves).ToListAsync(ct);
        var smallTimes = newest.Where(g => g.Rows <= ListedRows).Select(g => g.At).ToList();
        var largeTimes = newest.Where(g => g.Rows > ListedRows).Select(g => g.At).ToList();
        var listed = (await entries.Where(a => smallTimes.Contains(a.At)).OrderBy(a => a.Id).ToListAsync(ct)).ToLookup(a => (a.At, a.Actor));
        var counted = (await entries.Where(a => largeTimes.Contains(a.At))
                .GroupBy(a => new { a.At, a.Actor, a.Action, a.Entity }).Select(g => new { g.Key.At, g.Key.Actor, g.Key.Action, g.Key.Entity, Rows = g.Count() })
                .ToListAsync(ct))
            .ToLookup(c => (c.At, c.Actor));
        // An owner link names its organisation by id: say its name.
        var names = listed.Any(g => g.Any(a => a.Entity == "KpiOwner"))
            ? await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct)
            : [];
        return newest.Select(g => g.Rows <= ListedRows
                ? new Save(g.At, g.Actor, listed[(g.At, g.Actor)].Select(a => Describe(a, names)).ToList(), [])
                : new Save(g.At, g.Actor, [], counted[(g.At, g.Actor)].OrderBy(c => c.Entity).ThenBy(c => c.Action)
                    .Select(c => Count(c.Action, c.Entity, c.Rows)).ToList()))
            .ToList();
    }

    /// <summary>
    /// The refusal of an edit based on an older version of these rows: who changed them last, when,
    /// and what they changed, in words (from the audit). Nothing has been saved when this is thrown.
    /// </summary>
    public static Task<StaleEditException> StaleAsync(ScorecardDb db, IReadOnlyCollection<Guid> rows, string what, CancellationToken ct = default) =>
        StaleAsync(db.AuditEntries.Where(a => rows.Contains(a.EntityId)), what, ct);

    /// <param name="changes">The audit entries of what the edit covers (several rows, deleted ones included).</param>
    public static async Task<StaleEditException> StaleAsync(IQueryable<AuditEntry> changes, string what, CancellationToken ct = default)
    {
        var last = await changes.AsNoTracking().OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (last is null)
            return new StaleEditException($"{what}已被其他人修改，您的修改未儲存，請重新載入後再改。", null, null);
        return new StaleEditException(
            $"{what}已由 {last.Actor} 於 {Said.Time(last.At)} 修改（{Describe(last).Summary}），您的修改未儲存，請重新載入後再改。",
            last.Actor, last.At);
    }

    static FormattableString Count(string action, string entity, int rows) => action switch
    {
        "create" => $"新增{EntityWord(entity)} {rows} 筆",
        "delete" => $"刪除{EntityWord(entity)} {rows} 筆",
        _ => $"修改{EntityWord(entity)} {rows} 筆",
    };

    /// <param name="organisations">Organisation names by id, to name an owner link's organisation.</param>
    public static Change Describe(AuditEntry entry, IReadOnlyDictionary<Guid, string>? organisations = null)
    {
        var before = Read(entry.Entity, entry.Before);
        var after = Read(entry.Entity, entry.After);
        var row = entry.Action == "delete" ? before : after;
        var what = What(entry.Entity, row);
        if (row.TryGetValue("OrganisationId", out var org) && org.TryGetGuid(out var id) && organisations?.GetValueOrDefault(id) is { } name)
            what = $"{what}「{name}」";
        var fields = new List<FormattableString>();
        foreach (var key in after.Keys.Union(before.Keys))
        {
            if (Hidden.Contains(key) || key.EndsWith("Id", StringComparison.Ordinal)) continue;
            var b = Show(key, before.GetValueOrDefault(key));
            var a = Show(key, after.GetValueOrDefault(key));
            switch (entry.Action)
            {
                case "update" when Said.Chinese($"{b}") != Said.Chinese($"{a}"):
                    fields.Add($"{FieldWord(key)}「{b}」→「{a}」");
                    break;
                case "create" when Said.Chinese($"{a}").Length > 0:
                    fields.Add($"{FieldWord(key)}「{a}」");
                    break;
            }
        }
        return new Change(entry.Action, what, fields);
    }

    static Dictionary<string, JsonElement> Read(string entity, string? json)
    {
        var row = json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
        // Rows written before enums were stored by name hold their numbers: read them as names.
        foreach (var (key, value) in row.ToList())
            if (value.ValueKind == JsonValueKind.Number && EnumOf(entity, key) is { } type && value.TryGetInt32(out var n))
                row[key] = JsonSerializer.SerializeToElement(Enum.GetName(type, n) ?? n.ToString(CultureInfo.InvariantCulture));
        return row;
    }

    static Type? EnumOf(string entity, string key) => key switch
    {
        "Direction" => typeof(Scorecard.Domain.Kpis.Direction),
        "Aggregation" => typeof(Scorecard.Domain.Kpis.Aggregation),
        "Frequency" => typeof(Scorecard.Domain.Kpis.ReportingFrequency),
        "ComputedFrom" => typeof(Scorecard.Domain.Kpis.KpiComposition),
        "Period" => typeof(Scorecard.Domain.Values.Period),
        "Kind" when entity == "ReminderSent" => typeof(Scorecard.Domain.Periods.ReminderKind),
        "Kind" => typeof(Scorecard.Domain.Values.ValueKind),
        "State" when entity == "ReportingPeriod" => typeof(Scorecard.Domain.Periods.PeriodState),
        "State" when entity == "EvaluationRound" => typeof(Scorecard.Domain.Periods.EvaluationRoundState),
        "State" => typeof(Scorecard.Domain.Periods.SubmissionState),
        "Role" => typeof(Scorecard.Domain.Accounts.WorkRole),
        "Level" => typeof(Scorecard.Domain.Organisations.OrganisationLevel),
        _ => null,
    };

    /// <summary>A row named as people name it: its kind, and its code, name, year and period, or label.</summary>
    static FormattableString What(string entity, Dictionary<string, JsonElement> row)
    {
        string? Text(string key) => row.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (entity is "KpiValue" or "Submission" && row.TryGetValue("Year", out var y) && y.ValueKind == JsonValueKind.Number)
            return $"{EntityWord(entity)} {Said.Year(RocYear.FromGregorian(y.GetInt32()))} 年{PeriodWord(Text("Period"))}{ValueWord(entity, Text("Kind"))}";
        if (entity == "ObjectiveLink")
            return $"{EntityWord(entity)} {Text("FromCode")} → {Text("ToCode")}";
        if (entity == "ActionPlanBudget" && row.TryGetValue("Year", out var by) && by.ValueKind == JsonValueKind.Number)
            return $"{EntityWord(entity)} {Said.Year(RocYear.FromGregorian(by.GetInt32()))} 年";
        if (Text("Code") is { } code)
            return $"{EntityWord(entity)} {code}";
        return (Text("Name") ?? Text("Label")) is { } name ? (FormattableString)$"{EntityWord(entity)}「{name}」" : $"{EntityWord(entity)}";
    }

    static string ValueWord(string entity, string? kind) => kind == "Target" ? "目標值" : entity == "Submission" ? "填報" : "實際值";

    /// <summary>A value as people read it: a word (a label, 是), a year, a figure or the text as entered.</summary>
    static object Show(string key, JsonElement? value)
    {
        if (value is not { } v) return "";
        return v.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            JsonValueKind.String => key switch
            {
                "Direction" => Scorecard.Domain.Kpis.Directions.Label(Enum.TryParse<Scorecard.Domain.Kpis.Direction>(v.GetString(), out var d) ? d : null),
                "Period" => PeriodWord(v.GetString()),
                "Kind" when Enum.TryParse<Scorecard.Domain.Values.ValueKind>(v.GetString(), out var kind) => Scorecard.Domain.Values.Periods.KindLabel(kind),
                "Aggregation" when Enum.TryParse<Scorecard.Domain.Kpis.Aggregation>(v.GetString(), out var aggregation) => Scorecard.Domain.Kpis.Aggregations.Label(aggregation),
                "Frequency" when Enum.TryParse<Scorecard.Domain.Kpis.ReportingFrequency>(v.GetString(), out var frequency) => Scorecard.Domain.Kpis.Frequencies.Label(frequency),
                "ComputedFrom" when Enum.TryParse<Scorecard.Domain.Kpis.KpiComposition>(v.GetString(), out var from) => Scorecard.Domain.Kpis.Compositions.Label(from),
                "Role" when Enum.TryParse<Scorecard.Domain.Accounts.WorkRole>(v.GetString(), out var role) => Scorecard.Domain.Accounts.Roles.Label(role),
                "Level" when Enum.TryParse<Scorecard.Domain.Organisations.OrganisationLevel>(v.GetString(), out var level) => Scorecard.Domain.Organisations.OrganisationTree.LevelName(level),
                "State" => StateWord(v.GetString()),
                // A time is stored in UTC; people read it at the city's time (EnteredAt, PublishedAt, LockoutEnd).
                _ when Moment(key, v) is { } at => (object)Said.Time(at),
                _ => v.GetString() ?? "",
            },
            JsonValueKind.Number when key == "Year" => (FormattableString)$"{Said.Year(RocYear.FromGregorian(v.GetInt32()))} 年",
            JsonValueKind.Number => v.GetDecimal().ToString("#,0.##########", CultureInfo.InvariantCulture),
            JsonValueKind.True => "是",
            JsonValueKind.False => "否",
            JsonValueKind.Array => Said.List(v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString())),
            _ => v.ToString(),
        };
    }

    static DateTime? Moment(string key, JsonElement value) =>
        (key.EndsWith("At", StringComparison.Ordinal) || key.EndsWith("End", StringComparison.Ordinal))
        && DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;

    static string PeriodWord(string? p) =>
        Enum.TryParse<Scorecard.Domain.Values.Period>(p, out var period) ? Scorecard.Domain.Values.Periods.Label(period) : p ?? "";

    static string StateWord(string? s) =>
        Enum.TryParse<Scorecard.Domain.Periods.SubmissionState>(s, out var sub) ? Scorecard.Domain.Periods.Workflow.Label(sub)
        : Enum.TryParse<Scorecard.Domain.Periods.PeriodState>(s, out var period) ? Scorecard.Domain.Periods.Workflow.Label(period)
        : s ?? "";

    // Keys, order and versions say nothing a reader needs; row ids and links (every key ending in Id: MapId,
    // LineageId …) are named by code instead, and a GUID is no word to anyone.
    static readonly HashSet<string> Hidden =
        ["Version", "Ordinal", "ExtraJson", "Raw", "NormalizedEmail", "NormalizedUserName", "EmailConfirmed", "LockoutEnabled", "PhoneNumberConfirmed",
         "TwoFactorEnabled", "AccessFailedCount", "AchievementReportedDecimals", "address", "via"];

    // Switches rather than dictionaries: the missing-English test follows a hole's call to the words it returns.
    static string EntityWord(string entity) => entity switch
    {
        "StrategyMap" => "策略地圖", "Theme" => "策略主題", "Objective" => "策略目標", "ObjectiveLink" => "策略關聯", "Kpi" => "KPI", "KpiValue" => "數值",
        "KpiOwner" => "主責機關", "KpiMilestone" => "里程碑", "ActionPlan" => "行動方案", "ActionPlanBudget" => "預算", "ScheduledTask" => "主要任務",
        "Evaluation" => "自評", "Revision" => "修訂", "AchievementRule" => "達成度規則", "ScoringSettings" => "自評設定", "ScoringLight" => "燈號",
        "MapDocument" => "來源文件", "ReportingPeriod" => "填報期間", "Submission" => "填報", "Organisation" => "機關", "RoleAssignment" => "角色",
        "ScorecardUser" => "帳號", "SelfAssessmentEntry" => "自評", "EvaluationRound" => "年度自評", "ReminderSent" => "提醒", "SignIn" => "登入",
        "ReportEdition" => "報告版本", "ReportSection" => "報告章節",
        _ => entity,
    };

    static string FieldWord(string key) => key switch
    {
        "Code" => "代碼", "Name" => "名稱", "Mission" => "使命", "Vision" => "願景", "CoreValues" => "核心價值", "PerspectiveOrder" => "構面順序",
        "Perspective" => "構面", "KeySuccessFactor" => "關鍵成功因素", "ParentCode" => "上層目標", "LeadUnit" => "主辦機關", "CoUnits" => "協辦機關", "Notes" => "備註",
        "FromCode" => "起點", "ToCode" => "終點", "Formula" => "衡量公式", "Unit" => "單位", "Direction" => "方向", "Threshold" => "門檻", "Owners" => "主責機關",
        "CoOwners" => "協辦機關", "Weight" => "權重", "Frequency" => "填報頻率", "Aggregation" => "累計方式", "ComputedFrom" => "計算來源", "Points" => "配分",
        "Year" => "年度", "Period" => "期別", "Kind" => "種類", "Number" => "數值", "Status" => "狀態", "Note" => "附註", "Amount" => "金額", "Group" => "分組",
        "Months" => "月份", "ActionPlanCode" => "行動方案", "State" => "狀態", "Deadline" => "截止日", "ReopenReason" => "重新開放原因", "Narrative" => "執行情形",
        "Analysis" => "狀況分析", "Countermeasure" => "對策", "ReviewComment" => "退回意見", "Inputs" => "計算輸入", "IsCoOwner" => "協辦", "ThemeCode" => "主題",
        "KpiCode" => "KPI", "LowerIsBetter" => "負向指標算法", "CapSpecified" => "設定上限", "Cap" => "上限", "Rounding" => "進位方式", "Decimals" => "小數位數",
        "AchievementWeight" => "達成度權重", "InnovationWeight" => "創新權重", "ChallengeWeight" => "挑戰權重", "ContributionWeight" => "貢獻權重",
        "AchievementCap" => "達成度上限", "Label" => "燈號", "Symbol" => "符號", "Min" => "門檻", "EnteredBy" => "填報人", "EnteredAt" => "填報時間",
        "SubmittedBy" => "送出人", "SubmittedAt" => "送出時間", "ReviewedBy" => "審核人", "ReviewedAt" => "審核時間", "PublishedBy" => "發布人",
        "PublishedAt" => "發布時間", "Email" => "電子郵件", "UserName" => "帳號", "Aliases" => "簡稱", "IsDraft" => "草稿", "Source" => "來源",
        "Title" => "標題", "ReportedObjectives" => "文件所列策略目標數", "ReportedKpis" => "文件所列 KPI 數", "ReportedActionPlans" => "文件所列行動方案數",
        "AchievedFlag" => "達成", "AchievementReported" => "文件所列達成度", "Actual" => "實際值", "Target" => "目標值", "Innovation" => "創新度",
        "Challenge" => "挑戰度", "Contribution" => "貢獻度", "InnovationNarrative" => "創新度說明", "ChallengeNarrative" => "挑戰度說明",
        "ContributionNarrative" => "貢獻度說明", "SituationAnalysis" => "狀況分析", "Countermeasures" => "對策", "WeightedAverage" => "加權平均",
        "Light" => "燈號", "Part" => "分項", "Section" => "章節", "UnknownLabel" => "不明燈號", "UnknownSymbol" => "不明符號", "Before" => "修正前",
        "After" => "修正後", "Change" => "修正類型", "Reason" => "原因", "LockoutEnd" => "鎖定至", "PhoneNumber" => "電話", "OpenedBy" => "開放人",
        "OpenedAt" => "開放時間", "FinalizedBy" => "定案人", "FinalizedAt" => "定案時間", "Recipient" => "收件人", "SentAt" => "寄送時間", "About" => "事由",
        "Body" => "內容", "MadeFromData" => "由資料產生",
        _ => key,
    };
}
