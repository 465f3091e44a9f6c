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

        var changes = RevisionDiff.Read(before, after, l => l == Biotech ? "臺北市政府產業發展局" : null, describesBefore: false).Changes
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
        var counts = RevisionDiff.Read(before, after, _ => null, describesBefore: false).Counts;
        var p = counts.Single(r => r.Perspective == "P");
        Assert.Equal(("0(-1)", "0(-1)"), (p.Objectives.Printed, p.Kpis.Printed));
        Assert.Equal("1", counts.Single(r => r.Perspective == "C").Kpis.Printed);
    }

    /// <summary>Seed 003 in small: 108 came from the results document (no action plans, no DF2.1, DP3.4 as the MICE KPI), 109 from the revision deck.</summary>
    static (StrategyMap Before, StrategyMap After) ResultsThenRevision()
    {
        var mice = Guid.NewGuid();
        var before = new StrategyMap { Year = 2019 };
        foreach (var code in new[] { "DC1", "DP3", "DF1", "DF2" })
            before.Objectives.Add(new Objective { Id = Guid.NewGuid(), Code = code, Name = code, Perspective = code[1..2] });
        Guid In(StrategyMap m, string objective) => m.Objectives.First(o => o.Code == objective).Id;
        before.Kpis.Add(new Kpi { Id = Guid.NewGuid(), LineageId = Unemployment, Code = "DC1.1", Name = "失業率", Unit = "%", Direction = Direction.Lower, ObjectiveId = In(before, "DC1") });
        before.Kpis.Add(new Kpi { Id = Guid.NewGuid(), LineageId = Biotech, Code = "DP3.3", Name = "生技企業營收成長率（兩年一次）", ObjectiveId = In(before, "DP3") });
        before.Kpis.Add(new Kpi { Id = Guid.NewGuid(), LineageId = mice, Code = "DP3.4", Name = "指標性MICE活動與府級大型活動合作場次", ObjectiveId = In(before, "DP3") });

        var after = new StrategyMap { Year = 2020 };
        foreach (var code in new[] { "DC1", "DP3", "DF1" })
            after.Objectives.Add(new Objective { Id = Guid.NewGuid(), Code = code, Name = code, Perspective = code[1..2] });
        var dc11 = new Kpi { Id = Guid.NewGuid(), LineageId = Unemployment, Code = "DC1.1", Name = "失業率", Direction = Direction.Unknown, ObjectiveId = In(after, "DC1") };
        after.Kpis.AddRange([dc11,
            new Kpi { Id = Guid.NewGuid(), LineageId = mice, Code = "DP3.3", Name = "指標性MICE活動與府級大型活動合作場次", ObjectiveId = In(after, "DP3") },
            new Kpi { Id = Guid.NewGuid(), LineageId = Guid.NewGuid(), Code = "DP3.4", Name = "協助ICT產業創新應用落地/推廣案件數", ObjectiveId = In(after, "DP3") },
            new Kpi { Id = Guid.NewGuid(), LineageId = Guid.NewGuid(), Code = "DF1.1", Name = "預算執行差異率", ObjectiveId = In(after, "DF1") }]);
        after.ActionPlans.AddRange([new ActionPlan { KpiId = dc11.Id, Code = "DC1.1.1", Name = "Bravo職涯4年計畫" }, new ActionPlan { KpiId = dc11.Id, Code = "DC1.2.1", Name = "青年就業力行動4年計畫" }]);
        after.Revisions.AddRange([
            new Revision { Year = 2020, Ordinal = 0, Change = "editActionPlan", Code = "DC1.3.1", Before = "DC1.3.1青年就業力覺醒行動4年計畫", After = "DC1.3.1青年就業力行動4年計畫", Reason = "原「DC1.3.1青年就業力覺醒行動4年計畫」，修正為「DC1.3.1青年就業力行動4年計畫」。" },
            new Revision { Year = 2020, Ordinal = 1, Change = "deleteKpi", Code = "DP3.3", Before = "DP3.3生技企業營收成長率（兩年一次）", Reason = "無法每年取得數據" },
            new Revision { Year = 2020, Ordinal = 2, Change = "deleteKpi", Code = "DF2.1", Before = "DF2.1各機關(基金)資本支出預算達成率", Reason = "非局處共同合作產出之KPI" }]);
        after.ExtraJson = """
            { "revisionCounts": { "rows": [
              { "perspective": "P", "objectives": { "before": 1, "after": 1 }, "kpis": { "before": 2, "after": 2 }, "actionPlans": { "before": 0, "after": 0 } },
              { "perspective": "total", "objectives": { "before": 4, "after": 3 }, "kpis": { "before": 5, "after": 4 }, "actionPlans": { "before": 3, "after": 2, "afterRaw": "2" } } ] } }
            """;
        return (before, after);
    }

    [Fact]
    public void A_revision_against_a_version_made_from_a_results_document_lists_what_the_document_lists_and_no_unknown_as_a_change()
    {
        var (before, after) = ResultsThenRevision();
        var revision = RevisionDiff.Read(before, after, _ => null, describesBefore: true);

        // No 「新增行動方案」 (108 held none), no 新增 KPI (108 held 3 of 5), no unit or direction 「change」 (109 states neither for DC1.1).
        Assert.Equal(["editActionPlan DC1.3.1 document", "deleteKpi DP3.3 comparison", "deleteKpi DF2.1 document"],
            revision.Changes.Select(c => $"{c.Change} {c.Code} {(c.ByDocument ? "document" : "comparison")}"));
        Assert.All(revision.Changes, c => Assert.False(string.IsNullOrEmpty(c.Reason)));
        // What goes with a deletion is shown under it: the gap closed, the objective left empty.
        Assert.Equal(["renumberKpi DP3.3 DP3.4 → DP3.3"], revision.Changes[1].GoesWith.Select(w => $"{w.Change} {w.Code} {w.Summary}"));
        Assert.Equal(["deleteObjective DF2 DF2"], revision.Changes[2].GoesWith.Select(w => $"{w.Change} {w.Code} {w.Summary}"));

        var notes = revision.Notes.Select(n => Scorecard.Domain.Common.Said.Chinese(n)).ToList();
        Assert.Contains("108 年版本未含行動方案資料，不比較。", notes);
        Assert.Contains("108 年版本僅含KPI 3 項（文件所載 5 項），新增無從比較。", notes);
        Assert.Contains("DP3.4、DF1.1 僅見於其中一版，無從判斷是否增刪，不列為修正。", notes);

        // Where 108 is incomplete the counts before are the document's, never 0 or 3; where it is whole, its own.
        var total = revision.Counts.Single(r => r.Perspective == "total");
        Assert.Equal((5, true, 4, "4(-1)"), (total.Kpis.Before, total.Kpis.BeforeIsDocuments, total.Kpis.After, total.Kpis.Printed));
        Assert.Equal((3, true, 2, "2(-1)"), (total.ActionPlans.Before, total.ActionPlans.BeforeIsDocuments, total.ActionPlans.After, total.ActionPlans.Printed));
        Assert.Equal((4, false, 3, "3(-1)"), (total.Objectives.Before, total.Objectives.BeforeIsDocuments, total.Objectives.After, total.Objectives.Printed));
        // A row the document does not print stays unknown.
        var c = revision.Counts.Single(r => r.Perspective == "C");
        Assert.Equal(((int?)null, 2, "2"), (c.ActionPlans.Before, c.ActionPlans.After, c.ActionPlans.Printed));
    }

    [Fact]
    public void Without_the_documents_count_plans_never_held_stay_unknown_and_a_theme_only_one_version_holds_is_not_compared()
    {
        var (before, after) = ResultsThenRevision();
        after.ExtraJson = null;
        var theme = new Theme { Id = Guid.NewGuid(), Code = "A", Name = "A" };
        before.Themes.Add(theme);
        before.Objectives.Add(new Objective { Id = Guid.NewGuid(), Code = "AC1", Name = "AC1", Perspective = "C", ThemeId = theme.Id });
        var revision = RevisionDiff.Read(before, after, _ => null, describesBefore: true);

        // Without a count saying 108 held part of its KPIs they are taken as whole (DP3.4 and DF1.1 added); its plans stay unknown.
        Assert.Equal(["editActionPlan DC1.3.1", "addKpi DP3.4", "deleteKpi DP3.3", "addKpi DF1.1", "deleteKpi DF2.1"], revision.Changes.Select(c => $"{c.Change} {c.Code}"));
        Assert.Contains("109 年版本未含主題 A：這些主題不比較。", revision.Notes.Select(n => Scorecard.Domain.Common.Said.Chinese(n)));
        var total = revision.Counts.Single(r => r.Perspective == "total");
        Assert.Equal(((int?)null, "2"), (total.ActionPlans.Before, total.ActionPlans.Printed));   // unknown, not 0 and not 「2(+2)」
        Assert.Equal(((int?)4, 3), (total.Objectives.Before, total.Objectives.After));             // AC1 is not counted: theme A is not compared
    }
}
