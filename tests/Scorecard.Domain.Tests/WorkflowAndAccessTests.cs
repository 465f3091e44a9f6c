using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Periods;
using Period = Scorecard.Domain.Values.Period;

namespace Scorecard.Domain.Tests;

public class WorkflowAndAccessTests
{
    [Theory]
    [InlineData(PeriodState.NotOpen, PeriodAction.Open, PeriodState.Open)]
    [InlineData(PeriodState.Closed, PeriodAction.Open, PeriodState.Open)]
    [InlineData(PeriodState.Open, PeriodAction.Close, PeriodState.Closed)]
    [InlineData(PeriodState.Open, PeriodAction.Publish, PeriodState.Published)]
    [InlineData(PeriodState.Closed, PeriodAction.Publish, PeriodState.Published)]
    public void A_period_moves_as_the_cycle_says(PeriodState from, PeriodAction action, PeriodState to) =>
        Assert.Equal(to, Workflow.Next(from, action));

    [Theory]
    [InlineData(PeriodState.NotOpen, PeriodAction.Publish, "未開放")]
    [InlineData(PeriodState.Published, PeriodAction.Open, "已發布")]
    [InlineData(PeriodState.Open, PeriodAction.Reopen, "填報中")]
    public void A_period_step_out_of_turn_names_the_state_it_is_in(PeriodState from, PeriodAction action, string state) =>
        Assert.Contains(state, Assert.Throws<WorkflowException>(() => Workflow.Next(from, action)).Message);

    [Fact]
    public void Each_state_allows_its_own_actions_and_every_other_is_refused()
    {
        foreach (var state in Enum.GetValues<PeriodState>())
            foreach (var action in Enum.GetValues<PeriodAction>())
                if (Workflow.Allowed(state).Contains(action))
                    Workflow.Next(state, action, "更正");
                else
                    Assert.Throws<WorkflowException>(() => Workflow.Next(state, action, "更正"));
        Assert.Equal([PeriodAction.PublishApproved, PeriodAction.Reopen], Workflow.Allowed(PeriodState.Published));
        Assert.Equal(PeriodState.Published, Workflow.Next(PeriodState.Published, PeriodAction.PublishApproved));
    }

    [Fact]
    public void Publishing_a_published_period_again_names_the_way_out()
    {
        var refusal = Assert.Throws<WorkflowException>(() => Workflow.Next(PeriodState.Published, PeriodAction.Publish)).Message;
        Assert.Contains("發布新核定的項目", refusal);
        Assert.Contains("重新開放", refusal);
    }

    [Fact]
    public void A_past_deadline_is_held_until_confirmed_naming_the_date()
    {
        var today = new DateOnly(2026, 12, 8);
        var held = Assert.Throws<PastDeadlineException>(() => Workflow.CheckDeadline(new DateOnly(2018, 7, 15), today, confirmed: false));
        Assert.Equal("deadline", held.Field);
        Assert.Contains("截止日 107/07/15 已經過了（今天是 115/12/08）", held.Message);
        Workflow.CheckDeadline(new DateOnly(2018, 7, 15), today, confirmed: true);
        Workflow.CheckDeadline(today, today, confirmed: false);   // due today is not past
    }

    [Fact]
    public void A_publish_preview_counts_what_it_publishes_and_what_it_leaves_out()
    {
        SubmissionState?[] entries = [SubmissionState.Approved, SubmissionState.Approved, SubmissionState.Returned, SubmissionState.Draft,
            SubmissionState.Submitted, SubmissionState.Published, null, null];
        var preview = PublishPreview.Of(entries);
        Assert.Equal((2, 1, 1, 1, 2, 5), (preview.ToPublish, preview.Submitted, preview.Returned, preview.Drafts, preview.NotEntered, preview.LeftOut));
        Assert.Equal("將發布 2 項；1 項已送出但未核定、1 項已退回、1 項草稿未送出、2 項未填，不會發布。", Said.Chinese(preview.Text));
        Assert.Equal("將發布 1 項；所有項目皆已核定。", Said.Chinese(PublishPreview.Of([SubmissionState.Approved, SubmissionState.Published]).Text));
    }

    [Fact]
    public void Reopening_a_published_period_needs_a_reason()
    {
        Assert.Equal("reason", Assert.Throws<InvalidInputException>(() => Workflow.Next(PeriodState.Published, PeriodAction.Reopen, " ")).Field);
        Assert.Equal(PeriodState.Open, Workflow.Next(PeriodState.Published, PeriodAction.Reopen, "更正"));
    }

    [Fact]
    public void Entry_is_possible_while_open_or_for_a_returned_submission()
    {
        Assert.Equal(SubmissionState.Draft, Workflow.Next(null, PeriodState.Open, SubmissionAction.Save));
        Assert.Throws<WorkflowException>(() => Workflow.Next(null, PeriodState.Closed, SubmissionAction.Save));
        // Fixing a returned figure after the deadline keeps it 已退回 until it is sent again.
        Assert.Equal(SubmissionState.Returned, Workflow.Next(SubmissionState.Returned, PeriodState.Closed, SubmissionAction.Save));
        Assert.Equal(SubmissionState.Submitted, Workflow.Next(SubmissionState.Returned, PeriodState.Closed, SubmissionAction.Submit));
        Assert.Throws<WorkflowException>(() => Workflow.Next(SubmissionState.Submitted, PeriodState.Open, SubmissionAction.Save));
        Assert.Throws<WorkflowException>(() => Workflow.Next(SubmissionState.Approved, PeriodState.Open, SubmissionAction.Save));
        Assert.Throws<WorkflowException>(() => Workflow.Next(null, PeriodState.Open, SubmissionAction.Submit));
    }

    [Fact]
    public void Review_takes_a_submitted_figure_and_a_return_needs_a_comment()
    {
        Assert.Equal(SubmissionState.Approved, Workflow.Next(SubmissionState.Submitted, PeriodState.Open, SubmissionAction.Approve));
        Assert.Throws<WorkflowException>(() => Workflow.Next(SubmissionState.Draft, PeriodState.Open, SubmissionAction.Approve));
        Assert.Equal("comment", Assert.Throws<InvalidInputException>(() => Workflow.Next(SubmissionState.Submitted, PeriodState.Open, SubmissionAction.Return, "")).Field);
        Assert.Equal(SubmissionState.Returned, Workflow.Next(SubmissionState.Approved, PeriodState.Closed, SubmissionAction.Return, "數字有誤"));
    }

    /// <summary>The entry page shows as a form exactly the entries a save would not refuse for their state.</summary>
    [Fact]
    public void An_entry_may_be_changed_exactly_where_a_save_is_allowed()
    {
        foreach (var period in Enum.GetValues<PeriodState>())
            foreach (var current in Enum.GetValues<SubmissionState>().Select(s => (SubmissionState?)s).Append(null))
            {
                var allowed = true;
                try { Workflow.Next(current, period, SubmissionAction.Save); }
                catch (WorkflowException) { allowed = false; }
                Assert.True(allowed == Workflow.MayEnter(current, period), $"{current?.ToString() ?? "nothing"} in a period {period}");
            }
        Assert.False(Workflow.MayEnter(SubmissionState.Submitted, PeriodState.Open));
        Assert.True(Workflow.MayEnter(SubmissionState.Returned, PeriodState.Closed));
    }

    [Fact]
    public void Only_a_missed_year_end_figure_needs_analysis_and_countermeasures()
    {
        Workflow.CheckExplanation(Period.Q2, false, null, null);
        Workflow.CheckExplanation(Period.Y, true, null, null);
        Workflow.CheckExplanation(Period.Y, null, null, null);
        Assert.Equal(["analysis"], Assert.Throws<MissingExplanationException>(() => Workflow.CheckExplanation(Period.Y, false, null, "對策")).Fields);
        Assert.Equal(["countermeasure"], Assert.Throws<MissingExplanationException>(() => Workflow.CheckExplanation(Period.Y, false, "分析", " ")).Fields);
        // Both missing: one refusal names both, not the second on the next try.
        var both = Assert.Throws<MissingExplanationException>(() => Workflow.CheckExplanation(Period.Y, false, null, ""));
        Assert.Equal(["analysis", "countermeasure"], both.Fields);
        Assert.Equal("analysis", both.Field);
        Assert.Equal("本年度未達標，送出前須填寫狀況分析及對策。", both.Message);
        Workflow.CheckExplanation(Period.Y, false, "分析", "對策");
    }

    [Fact]
    public void An_actual_is_a_number_or_a_known_status_never_both_never_neither()
    {
        Workflow.CheckActual(12.5m, null);
        Workflow.CheckActual(null, "未統計");
        Assert.Equal("value", Assert.Throws<InvalidInputException>(() => Workflow.CheckActual(null, null)).Field);
        Assert.Equal("status", Assert.Throws<InvalidInputException>(() => Workflow.CheckActual(1, "未統計")).Field);
        Assert.Equal("status", Assert.Throws<InvalidInputException>(() => Workflow.CheckActual(null, "差不多")).Field);
    }

    static readonly Guid City = Guid.NewGuid(), Epb = Guid.NewGuid(), EpbUnit = Guid.NewGuid(), Udd = Guid.NewGuid();

    [Fact]
    public void A_role_covers_its_organisation_and_everything_under_it()
    {
        Access.Grant[] reporter = [new(WorkRole.Reporter, Epb)];
        Assert.True(Access.Allows(reporter, Permission.Enter, [EpbUnit, Epb, City]));
        Assert.True(Access.Allows(reporter, Permission.Enter, [Epb, City]));
        Assert.False(Access.Allows(reporter, Permission.Enter, [Udd, City]));
        Assert.False(Access.Allows(reporter, Permission.Enter, [City]));
        Assert.False(Access.Allows(reporter, Permission.Review, [Epb, City]));

        Access.Grant[] planner = [new(WorkRole.Planner, City)];
        Assert.True(Access.Allows(planner, Permission.ManagePeriods, [Udd, City]));
        Assert.False(Access.Allows(planner, Permission.Enter, [Udd, City]));
        Assert.False(Access.Allows(planner, Permission.ManageAccounts, [City]));

        Access.Grant[] viewer = [new(WorkRole.Viewer, City)];
        Assert.True(Access.Allows(viewer, Permission.ReadUnpublished, [Epb, City]));
        Assert.False(Access.Allows(viewer, Permission.Enter, [Epb, City]));

        Access.Grant[] admin = [new(WorkRole.Administrator, null)];
        Assert.True(Access.Allows(admin, Permission.ManageAccounts, [Udd]));
        Assert.False(Access.Allows([], Permission.ReadUnpublished, [City]));
    }

    [Fact]
    public void Owner_names_resolve_by_alias_own_units_first()
    {
        var city = new Organisation { Id = Guid.NewGuid(), Name = "臺北市政府", Level = OrganisationLevel.City };
        var epb = new Organisation { Id = Guid.NewGuid(), Name = "臺北市政府環境保護局", Aliases = ["環保局", "環境保護局"], Level = OrganisationLevel.Bureau, Parent = city };
        var secretariat = new Organisation { Id = Guid.NewGuid(), Name = "臺北市政府秘書處", Aliases = ["秘書處"], Level = OrganisationLevel.Bureau, Parent = city };
        var general = new Organisation { Id = Guid.NewGuid(), Name = "臺北市政府秘書處總務組", Aliases = ["總務組"], Level = OrganisationLevel.Unit, Parent = secretariat };
        var otherGeneral = new Organisation { Id = Guid.NewGuid(), Name = "臺北市政府環境保護局總務組", Aliases = ["總務組"], Level = OrganisationLevel.Unit, Parent = epb };
        Organisation[] all = [city, epb, secretariat, general, otherGeneral];

        Assert.Same(epb, OrganisationNames.Resolve("環保局", city, all));
        Assert.Same(epb, OrganisationNames.Resolve("環境保護局", city, all));
        Assert.Same(epb, OrganisationNames.Resolve("臺北市政府環境保護局", city, all));
        Assert.Same(general, OrganisationNames.Resolve("總務組", secretariat, all));
        Assert.Same(otherGeneral, OrganisationNames.Resolve("總務組", epb, all));
        Assert.Null(OrganisationNames.Resolve("總務組", city, all));   // ambiguous from the city: names nothing
        Assert.Null(OrganisationNames.Resolve("火星局", city, all));
        Assert.True(OrganisationNames.IsThemeGroup("本組各機關"));
        Assert.True(OrganisationNames.IsThemeGroup("本組成員機關"));
    }

    [Fact]
    public void Owners_come_before_co_owners_and_a_part_without_owners_takes_its_kpis()
    {
        var kpi = new Kpi { Code = "AP2.1", Name = "田園城市" };
        kpi.OwnerLinks = [new KpiOwner { OrganisationId = Udd, IsCoOwner = true }, new KpiOwner { OrganisationId = Epb }];
        Assert.Equal([Epb, Udd], KpiOwner.EnteringFor(kpi, null));

        var partWithout = new Kpi { Code = "AP2.1", Name = "分項" };
        Assert.Equal([Epb, Udd], KpiOwner.EnteringFor(partWithout, kpi));
        var partWith = new Kpi { Code = "AP2.1", Name = "分項", OwnerLinks = [new KpiOwner { OrganisationId = City }] };
        Assert.Equal([City], KpiOwner.EnteringFor(partWith, kpi));
    }

    [Fact]
    public void A_composite_KPI_is_entered_by_its_parts_in_the_sheets_order()
    {
        var ac1 = new Kpi { Id = Guid.NewGuid(), Code = "AC1.1", Name = "空氣", Ordinal = 1 };
        var ap2 = new Kpi { Id = Guid.NewGuid(), Code = "AP2.1", Name = "複合", Ordinal = 2 };
        var second = new Kpi { Id = Guid.NewGuid(), Code = "AP2.1", Name = "分項二", Ordinal = 2, ParentId = ap2.Id };
        var first = new Kpi { Id = Guid.NewGuid(), Code = "AP2.1", Name = "分項一", Ordinal = 1, ParentId = ap2.Id };
        var ac3 = new Kpi { Id = Guid.NewGuid(), Code = "AC3.1", Name = "其後", Ordinal = 3 };
        var entries = KpiOwner.Entries([ac3, second, ap2, first, ac1]);
        Assert.Equal(["空氣", "分項一", "分項二", "其後"], entries.Select(e => e.Kpi.Name));
        Assert.Equal([null, ap2, ap2, null], entries.Select(e => e.Parent));
    }

    [Fact]
    public void An_entry_is_with_its_owner_until_submitted_and_overdue_only_while_the_period_is_open()
    {
        Assert.True(Workflow.WithOwner(null));
        Assert.True(Workflow.WithOwner(SubmissionState.Returned));
        Assert.False(Workflow.WithOwner(SubmissionState.Submitted));
        var today = new DateOnly(2018, 7, 16);
        Assert.True(new ReportingPeriod { State = PeriodState.Open, Deadline = new(2018, 7, 15) }.IsPastDeadline(today));
        Assert.False(new ReportingPeriod { State = PeriodState.Open, Deadline = today }.IsPastDeadline(today));
        Assert.False(new ReportingPeriod { State = PeriodState.Closed, Deadline = new(2018, 7, 15) }.IsPastDeadline(today));
        Assert.False(new ReportingPeriod { State = PeriodState.Open }.IsPastDeadline(today));
    }
}
