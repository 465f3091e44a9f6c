using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Revisions;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Tests;

/// <summary>The change list of a revision is derived from the two versions, KPIs matched by lineage.</summary>
public class RevisionDiffTests
{
    static readonly Guid Unemployment = Guid.NewGuid(), Startups = Guid.NewGuid(), Biotech = Guid.NewGuid(), Safety = Guid.NewGuid();

    static StrategyMap Map(int year, params (Guid Lineage, string Code, string Objective, string Name, string? Formula, decimal? Target)[] kpis)
    {
        var map = new StrategyMap { Year = year };
        foreach (var code in kpis.Select(k => k.Objective).Distinct())
            map.Objectives.Add(new Objective { Id = Guid.NewGuid(), Code = code, Name = code, Perspective = code[1..2] });
        foreach (var k in kpis)
        {
            var objective = map.Objectives.First(o => o.Code == k.Objective);
            var kpi = new Kpi { Id = Guid.NewGuid(), LineageId = k.Lineage, Code = k.Code, Name = k.Name, Formula = k.Formula, ObjectiveId = objective.Id };
            if (k.Target is { } t)
                kpi.Values.Add(new KpiValue { Year = 2021, Period = Period.Y, Kind = ValueKind.Target, Number = t });
            map.Kpis.Add(kpi);
        }
        return map;
    }

    [Fact]
    public void A_renumbered_renamed_moved_and_reformulated_KPI_is_one_KPI_changed_and_a_KPI_taken_over_by_another_organisation_is_a_move()
    {
        var before = Map(2020,
            (Unemployment, "DC1.2", "DC1", "失業率", "失業人數÷勞動力", 3.8m),
            (Startups, "DP2.2", "DP2", "新設企業家數", null, 16500m),
            (Biotech, "DP3.3", "DP3", "生技企業營收成長率", null, null),
            (Safety, "DP5.2", "DP5", "職業災害重大傷害百萬人率", null, null));
        var after = Map(2021,
            (Unemployment, "DC1.1", "DC1", "本市失業率", "失業人數÷勞動力×100%", 3.7m),
            (Startups, "DP2.2", "DP1", "新設企業家數", null, 16500m));

        var changes = RevisionDiff.Changes(before, after, l => l == Biotech ? "臺北市政府產業發展局" : null)
            .Where(c => !c.Change.EndsWith("Objective")).Select(c => $"{c.Change} {c.Code} {c.Before}→{c.After}").ToList();
        Assert.Equal(
        [
            "renumberKpi DC1.1 DC1.2→DC1.1",
            "renameKpi DC1.1 失業率→本市失業率",
            "editKpiFormula DC1.1 失業人數÷勞動力→失業人數÷勞動力×100%",
            "editTarget DC1.1 110 3.8→3.7",
            "moveKpi DP2.2 DP2→DP1",
            "moveKpiToOrganisation DP3.3 DP3.3 生技企業營收成長率→臺北市政府產業發展局",
            "deleteKpi DP5.2 DP5.2 職業災害重大傷害百萬人率→",
        ], changes);
    }

    [Fact]
    public void The_count_table_prints_the_change_in_brackets()
    {
        var before = Map(2020, (Unemployment, "DC1.2", "DC1", "失業率", null, null), (Safety, "DP5.2", "DP5", "職災", null, null));
        var after = Map(2021, (Unemployment, "DC1.1", "DC1", "失業率", null, null));
        var p = RevisionDiff.Counts(before, after).Single(r => r.Perspective == "P");
        Assert.Equal(("0(-1)", "0(-1)"), (p.Objectives.Printed, p.Kpis.Printed));
        Assert.Equal("1", RevisionDiff.Counts(before, after).Single(r => r.Perspective == "C").Kpis.Printed);
    }
}
