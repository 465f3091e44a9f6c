using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

public sealed record StatementInput(List<string>? Mission, string? Vision, List<string>? CoreValues, string? PerspectiveOrder);
public sealed record ThemeInput(string? Code, string? Name, string? LeadUnit, List<string>? CoUnits, string? Notes);
public sealed record ObjectiveInput(string? Code, string? Name, string? Theme, string? Perspective, string? KeySuccessFactor, string? ParentCode, string? Notes);
public sealed record LinkInput(string? From, string? To);

// The map's statements, themes, objectives and the links between them.
public sealed partial class MapEditor
{
    public async Task EditStatementAsync(StatementInput input, long? basedOn, CancellationToken ct = default)
    {
        await CheckVersionAsync(Map, basedOn, "策略地圖的使命、願景與核心價值", ct);
        var order = Optional(input.PerspectiveOrder) ?? Perspective.DefaultOrder;
        if (order.Length != 4 || order.Distinct().Count() != 4 || order.Any(c => !Perspective.DefaultOrder.Contains(c)))
            throw new InvalidInputException("perspectiveOrder", $"構面順序「{order}」須由 C、P、L、F 各一個組成（如 CPLF）。");
        Map.Mission = Names(input.Mission);
        Map.Vision = Optional(input.Vision);
        Map.CoreValues = Names(input.CoreValues);
        Map.PerspectiveOrder = order;
    }

    public Theme Theme(string code) =>
        Map.Themes.FirstOrDefault(t => t.Code == code) ?? throw new NotFoundException($"找不到策略主題 {code}。");

    public Theme AddTheme(ThemeInput input)
    {
        var theme = new Theme { Code = "", Name = "", Ordinal = NextOrdinal(Map.Themes, t => t.Ordinal) };
        Fill(theme, input);
        Map.Themes.Add(theme);
        return theme;
    }

    public async Task<Theme> EditThemeAsync(string code, ThemeInput input, long? basedOn, CancellationToken ct = default)
    {
        var theme = Theme(code);
        await CheckVersionAsync(theme, basedOn, $"策略主題 {code}", ct);
        Fill(theme, input);
        return theme;
    }

    void Fill(Theme theme, ThemeInput input)
    {
        var code = Required(input.Code, "code", "主題代碼");
        if (code.Length != 1 || code[0] is < 'A' or > 'Z')
            throw new InvalidInputException("code", $"主題代碼「{code}」須是一個大寫英文字母（A–Z）。");
        if (Map.Themes.Any(t => t != theme && t.Code == code))
            throw new InvalidInputException("code", $"策略主題 {code} 已存在。");
        theme.Code = code;
        theme.Name = Required(input.Name, "name", "主題名稱");
        theme.LeadUnit = Optional(input.LeadUnit);
        theme.CoUnits = Names(input.CoUnits);
        theme.Notes = Optional(input.Notes);
    }

    public async Task DeleteThemeAsync(string code, long? basedOn, CancellationToken ct = default)
    {
        var theme = Theme(code);
        await CheckVersionAsync(theme, basedOn, $"策略主題 {code}", ct);
        var objectives = Map.Objectives.Where(o => o.ThemeId == theme.Id).Select(o => o.Code).ToList();
        if (objectives.Count > 0)
            throw new WorkflowException($"策略主題 {code} 之下還有策略目標 {Said.List(objectives)}，請先刪除或移到其他主題。");
        Map.Themes.Remove(theme);
        db.Remove(theme);
    }

    public Objective Objective(string code) =>
        Map.Objectives.FirstOrDefault(o => o.Code == code) ?? throw new NotFoundException($"找不到策略目標 {code}。");

    public Objective AddObjective(ObjectiveInput input)
    {
        var objective = new Objective { Code = "", Name = "", Perspective = "C", Ordinal = NextOrdinal(Map.Objectives, o => o.Ordinal) };
        Fill(objective, input);
        Map.Objectives.Add(objective);
        return objective;
    }

    public async Task<Objective> EditObjectiveAsync(string code, ObjectiveInput input, long? basedOn, CancellationToken ct = default)
    {
        var objective = Objective(code);
        await CheckVersionAsync(objective, basedOn, $"策略目標 {code}", ct);
        Fill(objective, input);
        // The links name objectives by code: they follow a renamed one.
        foreach (var link in Map.Links)
        {
            if (link.FromCode == code) link.FromCode = objective.Code;
            if (link.ToCode == code) link.ToCode = objective.Code;
        }
        return objective;
    }

    void Fill(Objective objective, ObjectiveInput input)
    {
        var code = Required(input.Code, "code", "策略目標代碼");
        if (Map.Objectives.Any(o => o != objective && o.Code == code))
            throw new InvalidInputException("code", $"策略目標 {code} 已存在。");
        var perspective = Parse("perspective", () => Perspective.Parse(Required(input.Perspective, "perspective", "構面"))).Code;
        var theme = Optional(input.Theme) is { } t
            ? Map.Themes.FirstOrDefault(x => x.Code == t) ?? throw new InvalidInputException("theme", $"沒有策略主題 {t}；全市共同目標請留空。")
            : null;
        objective.Code = code;
        objective.Name = Required(input.Name, "name", "策略目標名稱");
        objective.Perspective = perspective;
        objective.ThemeId = theme?.Id;
        objective.Theme = theme;
        objective.KeySuccessFactor = Optional(input.KeySuccessFactor);
        objective.ParentCode = Optional(input.ParentCode);
        objective.Notes = Optional(input.Notes);
    }

    public async Task DeleteObjectiveAsync(string code, long? basedOn, CancellationToken ct = default)
    {
        var objective = Objective(code);
        await CheckVersionAsync(objective, basedOn, $"策略目標 {code}", ct);
        var kpis = Map.Kpis.Where(k => k.ObjectiveId == objective.Id && k.ParentId is null).Select(k => k.Code).ToList();
        if (kpis.Count > 0)
            throw new WorkflowException($"策略目標 {code} 之下還有 KPI {Said.List(kpis)}，請先刪除或移到其他目標。");
        foreach (var link in Map.Links.Where(l => l.FromCode == code || l.ToCode == code).ToList())
        {
            Map.Links.Remove(link);
            db.Remove(link);
        }
        Map.Objectives.Remove(objective);
        db.Remove(objective);
    }

    public ObjectiveLink AddLink(LinkInput input)
    {
        var from = Required(input.From, "from", "起點策略目標");
        var to = Required(input.To, "to", "終點策略目標");
        foreach (var (code, field) in new[] { (from, "from"), (to, "to") })
            if (Map.Objectives.All(o => o.Code != code))
                throw new InvalidInputException(field, $"沒有策略目標 {code}。");
        if (from == to)
            throw new InvalidInputException("to", $"策略關聯的起點與終點不能是同一個目標。");
        if (Map.Links.Any(l => l.FromCode == from && l.ToCode == to))
            throw new InvalidInputException("to", $"策略關聯 {from} → {to} 已存在。");
        var link = new ObjectiveLink { FromCode = from, ToCode = to, Ordinal = NextOrdinal(Map.Links, l => l.Ordinal) };
        Map.Links.Add(link);
        return link;
    }

    public void DeleteLink(string from, string to)
    {
        var link = Map.Links.FirstOrDefault(l => l.FromCode == from && l.ToCode == to)
            ?? throw new NotFoundException($"找不到策略關聯 {from} → {to}。");
        Map.Links.Remove(link);
        db.Remove(link);
    }

    /// <summary>The code rules an objective breaks (irregular code, theme or perspective letter that does not match).</summary>
    public static IReadOnlyList<FieldWarning> Warnings(Objective o, StrategyMap map) =>
        Codes.CheckObjective(o.Code, map.Themes.FirstOrDefault(t => t.Id == o.ThemeId)?.Code, o.Perspective)
            .Select(m => new FieldWarning("code", m)).ToList();
}
