using Scorecard.Domain.Common;
using Scorecard.Domain.Scoring;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Editing;

public sealed record LightInput(string? Label, string? Symbol, decimal? Min);

/// <summary>Self-assessment weights (% of the total), the achievement cap and the lights, best first.</summary>
public sealed record ScoringInput(decimal? AchievementWeight, decimal? InnovationWeight, decimal? ChallengeWeight, decimal? ContributionWeight, decimal? AchievementCap, List<LightInput>? Lights);

/// <summary>An achievement rule for the whole map (no theme, no KPI), a theme, or one KPI. NoCap true means "no cap".</summary>
public sealed record RuleInput(string? Theme, string? Kpi, string? LowerIsBetter, bool? NoCap, decimal? Cap, string? Rounding, int? Decimals);

public sealed record SettingsInput(ScoringInput? Scoring, List<RuleInput>? AchievementRules);

// Calculation settings: the achievement rules (PRODUCT rule 5) and self-assessment scoring.
public sealed partial class MapEditor
{
    /// <summary>The settings are several rows; their token is every row's version, so a change to any of them makes an edit stale.</summary>
    public static string SettingsToken(Domain.Maps.StrategyMap map) =>
        string.Join(".", new[] { map.Scoring?.Version ?? 0 }
            .Concat(map.Scoring?.Lights.OrderBy(l => l.Ordinal).Select(l => l.Version) ?? [])
            .Concat(map.AchievementRules.OrderBy(r => r.Ordinal).Select(r => r.Version))
            .Append(map.AchievementRules.Count));

    public async Task EditSettingsAsync(SettingsInput input, string? basedOn, CancellationToken ct = default)
    {
        // The settings are several rows, some perhaps deleted since: the map's audit of those kinds says who changed them.
        if (basedOn is not null && basedOn != SettingsToken(Map))
            throw await ChangeHistory.StaleAsync(
                db.AuditEntries.Where(a => a.MapId == Map.Id && (a.Entity == nameof(AchievementRule) || a.Entity == nameof(ScoringSettings) || a.Entity == nameof(ScoringLight))),
                "計算設定", ct);
        if (input.Scoring is { } scoring)
            SetScoring(scoring);
        SetRules(input.AchievementRules ?? []);
    }


    void SetScoring(ScoringInput input)
    {
        var weights = new[] { input.AchievementWeight, input.InnovationWeight, input.ChallengeWeight, input.ContributionWeight };
        if (weights.Any(w => w is < 0 or > 100))
            throw new InvalidInputException("scoring", $"自評權重須在 0–100% 之間。");
        if (input.AchievementCap is <= 0)
            throw new InvalidInputException("scoring", $"達成度上限須大於 0。");
        var settings = Map.Scoring;
        if (settings is null)
        {
            settings = new ScoringSettings { MapId = Map.Id };
            Map.Scoring = settings;
        }
        settings.AchievementWeight = input.AchievementWeight;
        settings.InnovationWeight = input.InnovationWeight;
        settings.ChallengeWeight = input.ChallengeWeight;
        settings.ContributionWeight = input.ContributionWeight;
        settings.AchievementCap = input.AchievementCap;
        var lights = input.Lights ?? [];
        var current = settings.Lights.OrderBy(l => l.Ordinal).ToList();
        for (var i = 0; i < lights.Count; i++)
        {
            var label = Required(lights[i].Label, "lights", $"第 {i + 1} 個燈號的名稱");
            if (i > 0 && lights[i].Min is { } min && lights[i - 1].Min is { } above && min >= above)
                throw new InvalidInputException("lights", $"燈號「{label}」的門檻 {min} 須低於前一個燈號的 {above}（由好到差排列）。");
            var light = i < current.Count ? current[i] : new ScoringLight { Label = label };
            light.Ordinal = i;
            light.Label = label;
            light.Symbol = Optional(lights[i].Symbol);
            light.Min = i == lights.Count - 1 ? null : lights[i].Min;   // the last light catches everything below
            if (i >= current.Count) settings.Lights.Add(light);
        }
        foreach (var gone in current.Skip(lights.Count))
        {
            settings.Lights.Remove(gone);
            db.Remove(gone);
        }
    }

    void SetRules(List<RuleInput> items)
    {
        var current = Map.AchievementRules.OrderBy(r => r.Ordinal).ToList();
        var seen = new HashSet<(string?, string?)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var theme = Optional(item.Theme);
            var kpi = Optional(item.Kpi);
            if (theme is not null && Map.Themes.All(t => t.Code != theme))
                throw new InvalidInputException("achievementRules", $"第 {i + 1} 條達成度規則的主題 {theme} 不存在。");
            if (kpi is not null && Map.Kpis.All(k => k.Code != kpi))
                throw new InvalidInputException("achievementRules", $"第 {i + 1} 條達成度規則的 KPI {kpi} 不存在。");
            if (!seen.Add((theme, kpi)))
                throw new InvalidInputException("achievementRules", $"達成度規則「{Scope(theme, kpi)}」重複。");
            if (item.Decimals is < 0 or > 4)
                throw new InvalidInputException("achievementRules", $"「{Scope(theme, kpi)}」的小數位數須在 0–4 之間。");
            if (item.Cap is <= 0)
                throw new InvalidInputException("achievementRules", $"「{Scope(theme, kpi)}」的上限須大於 0。");
            var rule = i < current.Count ? current[i] : new AchievementRule { MapId = Map.Id };
            rule.Ordinal = i;
            rule.ThemeCode = theme;
            rule.KpiCode = kpi;
            rule.LowerIsBetter = Optional(item.LowerIsBetter) is { } l ? Parse("achievementRules", () => AchievementRule.ParseLowerIsBetter(l)) : null;
            rule.CapSpecified = item.NoCap == true || item.Cap is not null;
            rule.Cap = item.NoCap == true ? null : item.Cap;
            rule.Rounding = Optional(item.Rounding) is { } r ? Parse("achievementRules", () => AchievementRule.ParseRounding(r)) : null;
            rule.Decimals = item.Decimals;
            if (i >= current.Count) Map.AchievementRules.Add(rule);
        }
        foreach (var gone in current.Skip(items.Count))
        {
            Map.AchievementRules.Remove(gone);
            db.Remove(gone);
        }
    }

    static string Scope(string? theme, string? kpi) => kpi is not null ? $"KPI {kpi}" : theme is not null ? $"主題 {theme}" : "全圖";
}
