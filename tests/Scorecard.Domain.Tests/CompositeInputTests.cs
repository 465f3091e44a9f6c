using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Scoring;

namespace Scorecard.Domain.Tests;

/// <summary>What a reporter enters for AC2.3 (its plans' progress) and BP3.2 (milestones done), and the owners a KPI's printed names mean.</summary>
public class CompositeInputTests
{
    static readonly Kpi Ac23 = new() { Code = "AC2.3", Name = "推動垃圾焚化廠設施改善達成率", ComputedFrom = KpiComposition.ActionPlans };

    static readonly ActionPlan[] Ac23Plans =
    [
        new() { Code = "AC2.3.1", Name = "轉型規劃", Weight = 20 },
        new() { Code = "AC2.3.2", Name = "北投廠", Weight = 30 },
        new() { Code = "AC2.3.3", Name = "木柵廠", Weight = 40 },
        new() { Code = "AC2.3.4", Name = "內湖廠", Weight = 10 },
    ];

    static Kpi Bp32()
    {
        var kpi = new Kpi { Code = "BP3.2", Name = "社子島開發案進度", ComputedFrom = KpiComposition.Milestones };
        var steps = new (string, decimal)[] { ("完成都市計畫公展", 15), ("完成都市計畫公告", 10), ("防洪計畫報核", 15), ("防洪計畫行政院核定", 10), ("其他", 50) };
        kpi.Milestones.AddRange(steps.Select((s, i) => new KpiMilestone { Name = s.Item1, Points = s.Item2, Ordinal = i }));
        return kpi;
    }

    [Fact]
    public void Plan_progress_makes_the_weighted_figure()
    {
        var inputs = new CompositeInputs(new Dictionary<string, decimal> { ["AC2.3.1"] = 100, ["AC2.3.2"] = 80, ["AC2.3.3"] = 50, ["AC2.3.4"] = 0 }, null);
        Assert.Equal(64m, inputs.Figure(Ac23, Ac23Plans).Value);
        Assert.Equal(inputs.PlanProgress, CompositeInputs.Parse(inputs.ToJson())!.PlanProgress);   // kept with the submission as JSON
    }

    [Theory]
    [InlineData("AC2.3.4", null, "AC2.3.4")]     // a plan without progress is named
    [InlineData("AC2.3.4", 120, "0–100%")]        // progress is a percentage
    [InlineData("AC2.3.9", 50, "沒有行動方案 AC2.3.9")]
    public void Plan_progress_that_cannot_make_a_figure_names_the_plan(string code, int? progress, string expected)
    {
        var given = new Dictionary<string, decimal> { ["AC2.3.1"] = 100, ["AC2.3.2"] = 80, ["AC2.3.3"] = 50, ["AC2.3.4"] = 0 };
        given.Remove("AC2.3.4");
        if (progress is { } p) given[code] = p;
        var e = Assert.Throws<InvalidInputException>(() => new CompositeInputs(given, null).Figure(Ac23, Ac23Plans));
        Assert.Equal("planProgress", e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Milestones_done_add_their_points_and_an_unknown_one_is_refused()
    {
        var kpi = Bp32();
        Assert.Equal(50m, new CompositeInputs(null, ["完成都市計畫公展", "完成都市計畫公告", "防洪計畫報核", "防洪計畫行政院核定"]).Figure(kpi, []).Value);
        Assert.Equal(0m, new CompositeInputs(null, []).Figure(kpi, []).Value);
        var e = Assert.Throws<InvalidInputException>(() => new CompositeInputs(null, ["登陸月球"]).Figure(kpi, []));
        Assert.Equal("milestones", e.Field);
    }

    [Fact]
    public void The_theme_group_means_the_themes_agencies_and_sync_keeps_only_what_is_named()
    {
        Guid epb = Guid.NewGuid(), udd = Guid.NewGuid(), dot = Guid.NewGuid();
        var kpi = new Kpi { Code = "DC1.1", Name = "t", Owners = ["本組各機關"], CoOwners = ["交通局"] };
        kpi.OwnerLinks.Add(new KpiOwner { OrganisationId = Guid.NewGuid() });   // a former owner
        var wanted = KpiOwner.Wanted(kpi, [epb, udd], name => name == "交通局" ? dot : throw new InvalidOperationException(name));
        Assert.Equal(new Dictionary<Guid, bool> { [epb] = false, [udd] = false, [dot] = true }, wanted);
        var removed = KpiOwner.Sync(kpi, wanted);
        Assert.Single(removed);
        Assert.Equal([epb, udd, dot], KpiOwner.EnteringFor(kpi, null));
    }
}
