using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Reporting;

namespace Scorecard.Web.Features.Evaluations;

/// <summary>A year-end evaluation as the routes name it: the map's organisation and plan year, then the year evaluated.</summary>
public sealed record EvaluationRef(string Organisation, int RocYear, int ValueRocYear)
{
    public PeriodRef YearPeriod => new(Organisation, RocYear, ValueRocYear, nameof(Period.Y));
}

/// <summary>A KPI's year as the evaluation judges it: the published Y target and actual and what they come to by the map's rule.</summary>
public sealed record YearResult(Kpi Kpi, KpiValue? Target, KpiValue? Actual, decimal? Achievement, bool? Achieved, FormattableString RuleText, FormattableString? Why)
{
    public string Rule => Said.Chinese(RuleText);
    public string? Reason => Said.Chinese(Why);
}

/// <summary>
/// What the year-end evaluation works on: the map (tracked) with its published figures, the Y period's
/// state, the evaluation round, every KPI's self-assessment entry and the year's results. The KPIs are
/// scored once, with the map's own achievement rules.
/// </summary>
public sealed class EvaluationScope
{
    public required EvaluationRef At { get; init; }
    public required ReportingMap Reporting { get; init; }
    public required EvaluationRound? Round { get; init; }
    public required Dictionary<Guid, SelfAssessmentEntry> Entries { get; init; }
    public required MapScoring Scoring { get; init; }

    public Domain.Maps.StrategyMap Map => Reporting.Map;
    public int Year => Reporting.Year;
    public int RocYear => Domain.Common.RocYear.FromGregorian(Year);
    /// <summary>The state of the year's figures (the Y period): the evaluation opens once they are published.</summary>
    public PeriodState YearFigures => Reporting.State;

    /// <summary>The KPIs evaluated: every KPI of the map, not its parts (a composite KPI is evaluated whole).</summary>
    public IEnumerable<Kpi> Kpis => Map.Kpis.Where(k => k.ParentId is null).OrderBy(k => k.Ordinal);

    public static async Task<EvaluationScope> LoadAsync(ScorecardDb db, EvaluationRef at, CancellationToken ct)
    {
        var reporting = await ReportingMap.LoadAsync(db, at.YearPeriod, ct);
        var map = reporting.Map;
        var year = reporting.Year;
        // Tracked, so that finalizing updates the year's results in place (their fix-up fills map.Evaluations).
        await db.Evaluations.Where(e => e.MapId == map.Id && e.Year == year).LoadAsync(ct);
        var round = await db.EvaluationRounds.FirstOrDefaultAsync(r => r.MapId == map.Id && r.Year == year, ct);
        var kpiIds = map.Kpis.Select(k => k.Id).ToList();
        var entries = await db.SelfAssessmentEntries.Where(e => kpiIds.Contains(e.KpiId) && e.Year == year).ToDictionaryAsync(e => e.KpiId, ct);
        map.ViewYear = year;
        return new EvaluationScope { At = at, Reporting = reporting, Round = round, Entries = entries, Scoring = new MapScoring(map) };
    }

    public Kpi Kpi(string code) => Reporting.Kpi(code, null);

    /// <summary>
    /// A new entry for a KPI, carrying over what is already known so nothing is typed twice: a document's
    /// scores and narratives for the year, else the 狀況分析 and 對策 entered with the year's figure.
    /// </summary>
    public SelfAssessmentEntry Add(ScorecardDb db, Kpi kpi, Submission? yearFigure)
    {
        var printed = Recorded(kpi);
        var entry = new SelfAssessmentEntry
        {
            KpiId = kpi.Id, Year = Year, State = SubmissionState.Draft,
            Innovation = printed?.Innovation, Challenge = printed?.Challenge, Contribution = printed?.Contribution,
            InnovationNarrative = printed?.InnovationNarrative, ChallengeNarrative = printed?.ChallengeNarrative, ContributionNarrative = printed?.ContributionNarrative,
            SituationAnalysis = printed?.SituationAnalysis ?? Lines(yearFigure?.Analysis),
            Countermeasures = printed?.Countermeasures ?? Lines(yearFigure?.Countermeasure),
        };
        db.SelfAssessmentEntries.Add(entry);
        Entries[kpi.Id] = entry;
        return entry;
    }

    /// <summary>A text as items, one a line; null when it has none.</summary>
    static List<string>? Lines(string? text) => Editing.FormText.Lines(text) is { Count: > 0 } lines ? lines : null;

    /// <summary>The year's result: the Y actual against the Y target; for a composite KPI with no figures of its own, its parts' weighted achievement.</summary>
    public YearResult Result(Kpi kpi)
    {
        var score = Scoring.For(kpi);
        var target = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Target && v.Year == Year && v.Period == Period.Y);
        var actual = kpi.Values.FirstOrDefault(v => v.Kind == ValueKind.Actual && v.Year == Year && v.Period == Period.Y);
        if (score.Results.FirstOrDefault(r => r.Year == Year && r.Period == Period.Y) is { } y)
            return new YearResult(kpi, target, actual, y.Percent, y.Achieved, y.Achievement.RuleText, y.Achievement.Why);
        if (score.Results.Count == 0 && kpi.Parts.Count > 0)
            return new YearResult(kpi, target, actual, score.Achievement,
                score.Standing switch { Standing.Achieved => true, Standing.NotAchieved => false, _ => null }, $"各分項加權", score.Why);
        return new YearResult(kpi, target, actual, null, null, Reporting.SettingsOf(kpi).Describe(score.Direction ?? Direction.Unknown),
            target is null ? $"本年度沒有年度（Y）目標值。" : (FormattableString)$"本年度沒有已發布的年度（Y）實際值。");
    }

    /// <summary>The year's result as a document or an earlier finalizing recorded it, where there is one.</summary>
    public Evaluation? Recorded(Kpi kpi) =>
        Map.Evaluations.FirstOrDefault(e => e.Year == Year && e.KpiCode == kpi.Code && e.Part is null && e.Section is null);
}
