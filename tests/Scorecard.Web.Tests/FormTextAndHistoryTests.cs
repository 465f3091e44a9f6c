using Scorecard.Data;
using Scorecard.Domain.Common;
using Scorecard.Web.Features.Editing;

namespace Scorecard.Web.Tests;

/// <summary>How the editing pages read what staff type, and how the 修改紀錄 puts an audit entry in words. Pure: no server.</summary>
public class FormTextAndHistoryTests
{
    [Fact]
    public void Lists_read_the_way_staff_type_them()
    {
        Assert.Equal(["環保局", "都發局", "交通局"], FormText.Names("環保局、都發局, 交通局"));
        var steps = FormText.Milestones("完成都市計畫公展 | 15\n完成都市計畫公告｜10分");
        Assert.Equal([("完成都市計畫公展", 15m), ("完成都市計畫公告", 10m)], steps.Select(s => (s.Name!, s.Points!.Value)));
        Assert.Equal([(108, 1200000m)], FormText.Budgets("108: 1,200,000").Select(b => (b.RocYear!.Value, b.Amount!.Value)));
        var task = Assert.Single(FormText.Tasks("[第一階段] 辦理招標 | 1-3, 5"));
        Assert.Equal(("第一階段", "辦理招標"), (task.Group, task.Name));
        Assert.Equal([1, 2, 3, 5], task.Months!);
    }

    [Theory]
    [InlineData("milestones", "完成都市計畫公展")]
    [InlineData("budgets", "一百萬")]
    [InlineData("tasks", "辦理招標 | 一月")]
    public void A_line_that_does_not_read_is_named(string field, string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => field switch
        {
            "milestones" => (object)FormText.Milestones(text),
            "budgets" => FormText.Budgets(text),
            _ => FormText.Tasks(text),
        });
        Assert.Equal(field, e.Field);
        Assert.Contains("第 1 行", e.Message);
    }

    [Fact]
    public void An_update_says_what_changed_from_what_to_what()
    {
        var entry = new AuditEntry
        {
            Actor = "rdec@example.org", Entity = "Kpi", Action = "update",
            Before = """{"Code":"AC1.2","Unit":"%","Direction":"Higher","Owners":["環保局"],"Version":3}""",
            After = """{"Code":"AC1.2","Unit":"公噸","Direction":"Lower","Owners":["環保局","都發局"],"Version":4}""",
        };
        var change = ChangeHistory.Describe(entry);
        Assert.Equal("修改KPI AC1.2：單位「%」→「公噸」；方向「越高越好」→「負向指標（越低越好）」；主責機關「環保局」→「環保局、都發局」", Said.Chinese(change.Summary));
    }

    [Fact]
    public void A_value_is_named_by_its_year_and_period()
    {
        var entry = new AuditEntry { Actor = "epb@example.org", Entity = "KpiValue", Action = "create", After = """{"Year":2018,"Period":"Q2","Kind":"Target","Number":40}""" };
        Assert.StartsWith("新增數值 107 年第 2 季目標值：", Said.Chinese(ChangeHistory.Describe(entry).Summary));
    }

    [Fact]
    public void A_row_stored_with_enum_numbers_still_reads_in_words()
    {
        // Audit rows written before enums were stored by name: 0 is Target, 3 is Q1, 1 is lower-is-better.
        var value = new AuditEntry { Actor = "system", Entity = "KpiValue", Action = "create", After = """{"Year":2018,"Period":3,"Kind":0,"Number":51}""" };
        Assert.StartsWith("新增數值 107 年第 1 季目標值：", Said.Chinese(ChangeHistory.Describe(value).Summary));
        var kpi = new AuditEntry { Actor = "system", Entity = "Kpi", Action = "create", After = """{"Code":"AC1.1","Direction":1,"Aggregation":0}""" };
        var summary = Said.Chinese(ChangeHistory.Describe(kpi).Summary);
        Assert.DoesNotContain("「1」", summary);
        Assert.DoesNotContain("「0」", summary);
    }

    [Fact]
    public void An_owner_link_is_named_by_its_organisation()
    {
        var epb = Guid.NewGuid();
        var entry = new AuditEntry { Actor = "rdec@example.org", Entity = "KpiOwner", Action = "create", After = $$"""{"OrganisationId":"{{epb}}","IsCoOwner":false}""" };
        Assert.Equal("新增主責機關「臺北市政府環境保護局」：協辦「否」", Said.Chinese(ChangeHistory.Describe(entry, new Dictionary<Guid, string> { [epb] = "臺北市政府環境保護局" }).Summary));
    }

    [Fact]
    public void A_time_in_a_row_reads_at_the_citys_time_and_no_identifier_is_shown()
    {
        var entry = new AuditEntry
        {
            Actor = "rdec@example.org", Entity = "Kpi", Action = "create",
            After = """{"Code":"AC1.1","LineageId":"1f08737b-5d3c-4f0e-9a3b-2b1d6c0a9e11","MapId":"51df7637-c80e-456c-8039-c07bb48d1ad1","Name":"空氣品質優良日數比率(AQI)"}""",
        };
        var created = Said.Chinese(ChangeHistory.Describe(entry).Summary);
        Assert.Equal("新增KPI AC1.1：代碼「AC1.1」；名稱「空氣品質優良日數比率(AQI)」", created);
        Assert.DoesNotContain("Lineage", created);

        var published = new AuditEntry
        {
            Actor = "rdec@example.org", Entity = "Submission", Action = "update",
            Before = """{"Year":2018,"Period":"Q2","State":"Approved","PublishedAt":null}""",
            After = """{"Year":2018,"Period":"Q2","State":"Published","PublishedAt":"2026-12-07T02:11:44.0787531"}""",
        };
        var summary = Said.Chinese(ChangeHistory.Describe(published).Summary);
        Assert.Contains("發布時間「」→「115/12/07 10:11」", summary);
        Assert.DoesNotContain("T02:11", summary);
    }
}
