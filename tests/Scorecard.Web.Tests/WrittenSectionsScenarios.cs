using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// The sections planners write for a report edition (issue 35): the demo's 106 H2 council report is whole, seed 004's written
/// sections around 貳; a planner edits a section in its form, found by links from the map page; a stale form is refused naming
/// who changed the section; the change is in the history; the next edition starts as a copy of the last.
/// </summary>
[Collection(ServersCollection.Name)]
public partial class WrittenSectionsScenarios(Servers servers)
{
    const string Edition = "/maps/臺北市政府秘書處/106/reports/council/H2";

    static string WordText(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document.Body!.InnerText;
    }

    [Fact]
    public async Task The_demo_council_report_of_the_second_half_is_whole_in_the_seeds_order()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();
        var bytes = await client.GetByteArrayAsync("/api/maps/臺北市政府秘書處/106/reports/council?period=H2&format=docx");
        Assert.Empty(OfficeFiles.WordErrors(bytes));
        var text = WordText(bytes);
        string[] order = ["臺北市政府秘書處 106 年 7 至 12 月議會工作報告", "召集人、副召集人、各位議員女士、先生：", "壹、106 年下半年重要業務執行成果",
            "1.節電部分：本期總用電量 1,253 萬 1,673 度", "本府及本處收文", "貳、策略目標與關鍵績效指標(KPI)之執行情形",
            "(一)縮短職舍配住日數：以自通知日起", "參、創新作為與未來工作重點", "肆、結語", "身體健康，萬事如意！"];
        var at = order.Select(o => text.IndexOf(o, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
        Assert.DoesNotContain("本期尚未提報", text);

        // The year's report, which has no written sections, is 貳 alone as before.
        var year = WordText(await client.GetByteArrayAsync("/api/maps/臺北市政府秘書處/106/reports/council?format=docx"));
        Assert.Contains("貳、策略目標與關鍵績效指標(KPI)之執行情形", year);
        Assert.DoesNotContain("召集人", year);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_planner_rewrites_a_section_by_its_form_and_a_stale_form_is_refused_naming_who_changed_it(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var planner = await PageBrowser.OpenAsync(server, "secretariat@example.org");
        using var other = await PageBrowser.OpenAsync(server, "admin@example.org");

        // Found by clicks: the map page links the second half's sections, which list 參 with its edit link.
        var map = await planner.Client.GetStringAsync("/maps/臺北市政府秘書處/106");
        Assert.Contains("href=\"maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C%E7%A7%98%E6%9B%B8%E8%99%95/106/reports/council/H2\"", map);
        var page = await planner.Client.GetStringAsync(Edition);
        Assert.Contains("參、創新作為與未來工作重點", page);
        Assert.Contains("（由資料產生）", page);
        Assert.Contains("本期尚未提報之 KPI（不列入報告）", page);   // listed for the planner, not printed
        Assert.Contains("?section=4#section", page);

        var form = await planner.Client.GetStringAsync(Edition + "?section=4");
        var (id, version) = (Field(form, "Form.Id"), Field(form, "Form.Version"));
        Assert.Contains("八、賡續推動本府各機關上線使用新公文系統", form);
        var stale = await other.Client.GetStringAsync(Edition + "?section=4");   // the administrator opens the same form

        await planner.ReadTokenAsync(Edition);
        var saved = await Post(planner, "?section=4", id, version, "4", "參、創新作為與未來工作重點", "一、於市長臉書直播各行政區之行動市政會議。\n\n九、新增的第九項作為。");
        Assert.Contains("已儲存第 4 節。", saved);

        // The administrator's form was read before the save: refused, naming who changed it, nothing saved.
        await other.ReadTokenAsync(Edition);
        var refused = await Post(other, "?section=4", id, Field(stale, "Form.Version"), "4", "參、創新作為與未來工作重點", "覆蓋。");
        Assert.Matches("role=\"alert\">[^<]*已由 secretariat@example.org 於[^<]*修改", refused);

        using var client = server.CreateClient();
        var text = WordText(await client.GetByteArrayAsync("/api/maps/臺北市政府秘書處/106/reports/council?period=H2&format=docx"));
        Assert.Contains("九、新增的第九項作為。", text);
        Assert.DoesNotContain("覆蓋。", text);
        var html = await client.GetStringAsync("/api/maps/臺北市政府秘書處/106/reports/council?period=H2&format=html");
        Assert.Contains("新增的第九項作為。", html);

        // The history says who changed which section.
        var history = await planner.Client.GetStringAsync(Edition);
        Assert.Matches("secretariat@example.org[\\s\\S]*?修改報告章節", history);

        // The next edition (107 H1) starts as a copy of this one.
        await planner.ReadTokenAsync("/maps/臺北市政府秘書處/107/reports/council/H1");
        var started = await planner.Client.PostAsync("/maps/臺北市政府秘書處/107/reports/council/H1", new FormUrlEncodedContent([
            new("_handler", "start"), new("__RequestVerificationToken", planner.Token), new("Start.Confirm", "true")]));
        var next = await started.Content.ReadAsStringAsync();
        Assert.Contains("已建立本期章節。", next);
        Assert.Contains("肆、結語", next);
        Assert.Contains("參、創新作為與未來工作重點", next);
    }

    [Fact]
    public async Task A_section_left_empty_is_refused_naming_its_fields_and_others_may_not_write_them()
    {
        var server = await servers.DemoAsync("sqlite");
        using var planner = await PageBrowser.OpenAsync(server, "secretariat@example.org");
        await planner.ReadTokenAsync(Edition + "?section=new");
        var refused = await Post(planner, "?section=new", "", "", "", "", "");
        Assert.Contains("請填寫「標題」或「內容」。", refused);

        using var reporter = await PageBrowser.OpenAsync(server, "epb@example.org");
        var response = await reporter.Client.GetAsync(Edition);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("您的角色不能撰寫「臺北市政府秘書處」報告的章節。", await response.Content.ReadAsStringAsync());
    }

    static async Task<string> Post(PageBrowser browser, string query, string id, string version, string position, string title, string body)
    {
        var response = await browser.Client.PostAsync(Edition + query, new FormUrlEncodedContent([
            new("_handler", "section"), new("__RequestVerificationToken", browser.Token), new("Form.Id", id), new("Form.Version", version),
            new("Form.Position", position), new("Form.Title", title), new("Form.Body", body)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    static string Field(string html, string name) => Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;
}
