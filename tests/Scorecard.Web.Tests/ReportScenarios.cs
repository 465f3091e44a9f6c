using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Scorecard.Testing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Tests;

/// <summary>The city's reports over HTTP and from the command line: Word (Excel for the BSC) and printable HTML, published figures only.</summary>
[Collection(ServersCollection.Name)]
public class ReportScenarios(Servers servers)
{
    const string Policy = "/api/maps/臺北市政府/107/reports/policy";

    static string WordText(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document.Body!.InnerText;
    }

    [Fact]
    public async Task A_planner_downloads_the_Q1_policy_report_as_Word_and_as_a_printable_page()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();

        var word = await client.GetAsync(Policy + "?period=Q1&format=docx");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", word.Content.Headers.ContentType!.MediaType);
        Assert.Equal("臺北市政府107年1至3月施政報告.docx", word.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await word.Content.ReadAsByteArrayAsync();
        Assert.Empty(OfficeFiles.WordErrors(bytes));
        var text = WordText(bytes);
        Assert.Contains("AC2.1 二氧化碳排放量移動平均", text);
        Assert.Contains("本數值屬年度統計值，無單季數據", text);

        var html = await client.GetAsync(Policy + "?period=Q1&format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("<title>臺北市政府 107 年 1 至 3 月施政報告</title>", page);
        Assert.Contains("@page", page);   // prints on A4
        Assert.Matches("data-kpi=\"AC2.1\"[\\s\\S]*?class=\"figure actual\">本數值屬年度統計值，無單季數據<", page);
        // A KPI with parts prints its parts' rows, each with its own figures (issue 33 §4): none says 「本期未提報」.
        Assert.Matches("data-kpi=\"BP3.1\" data-part=\"1\">[\\s\\S]*?BP3.1-1 [\\s\\S]*?class=\"figure\">82.54<[\\s\\S]*?class=\"figure actual\">69<", page);
        Assert.DoesNotContain("本期未提報", page);

        // The map page links the report for its latest period.
        Assert.Contains("reports/policy?period=Q1&amp;format=docx", await client.GetStringAsync("/maps/臺北市政府/107"));
    }

    [Fact]
    public async Task Unpublished_figures_stay_out_and_bad_requests_name_the_field()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true });
        Assert.True((await epb.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/actual", new { value = 45.25 })).IsSuccessStatusCode);

        using var anonymous = server.CreateClient();
        var page = await anonymous.GetStringAsync(Policy + "?period=Q2&format=html");
        Assert.DoesNotContain("45.25", page);
        Assert.Matches("data-kpi=\"AC1.1\"[\\s\\S]*?class=\"figure actual\">本期未提報<", page);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/maps/臺北市政府/107/reports/novel")).StatusCode);
        var period = await anonymous.GetAsync(Policy + "?period=Q5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, period.StatusCode);
        Assert.Contains("\"field\":\"period\"", await period.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await anonymous.GetAsync(Policy + "?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task The_report_verb_writes_the_Word_file()
    {
        var server = await servers.DemoAsync("sqlite");
        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var output = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.docx");
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["report", "policy", "臺北市政府", "107", "--period", "Q1", output, .. settings]));
            var text = WordText(await File.ReadAllBytesAsync(output));
            Assert.Contains("臺北市政府 107 年 1 至 3 月施政報告", text);
            Assert.Equal(1, await CommandLine.RunAsync(["report", "policy", "火星市政府", "107", output, .. settings]));
            Assert.Equal(2, await CommandLine.RunAsync(["report", "policy", "臺北市政府", output, .. settings]));
        }
        finally { File.Delete(output); }
    }

    [Fact]
    public async Task The_BSC_table_comes_as_Word_Excel_and_a_printable_page_and_from_the_command_line()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();
        const string Bsc = "/api/maps/臺北市政府秘書處/105/reports/bsc";

        var word = await client.GetByteArrayAsync(Bsc + "?format=docx");
        Assert.Empty(OfficeFiles.WordErrors(word));
        Assert.Contains("574,817", WordText(word));

        var excel = await client.GetAsync(Bsc + "?format=xlsx");
        Assert.Equal("臺北市政府秘書處平衡計分卡.xlsx", excel.Content.Headers.ContentDisposition!.FileNameStar);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Equal(["策略地圖", "平衡計分卡"], book.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value));   // the map first, as printed
            var sheet = book.WorkbookPart.Workbook.Descendants<Sheet>().Last();
            var cells = ((WorksheetPart)book.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().ToList();
            Assert.Contains(cells, c => c.DataType?.Value == CellValues.Number && c.CellValue?.Text == "549542");   // an amount is a number
            Assert.Contains(cells, c => c.InnerText == "未統計");                                                // a status stays words
        }

        var page = await client.GetStringAsync(Bsc + "?format=html");
        Assert.Contains("size: A4 landscape", page);
        Assert.Contains("<th>102年 實際值</th>", page);

        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var output = Path.Combine(Path.GetTempPath(), $"bsc-{Guid.NewGuid():N}.xlsx");
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["report", "bsc", "臺北市政府秘書處", "105", output, .. settings]));
            using var book = SpreadsheetDocument.Open(output, false);
            Assert.Equal(2, book.WorkbookPart!.Workbook.Descendants<Sheet>().Count());
        }
        finally { File.Delete(output); }
    }

    [Fact]
    public async Task The_council_report_states_a_narrative_once_it_is_published()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var epb = await server.SignInAsync("epb@example.org");
        using var anonymous = server.CreateClient();
        const string Council = "/api/maps/臺北市政府/107/reports/council?period=Q2&format=html";
        await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true });
        Assert.True((await epb.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/actual", new { value = 45.3, narrative = "推動空污減量，空品改善。" })).IsSuccessStatusCode);
        Assert.True((await epb.PostAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/submit", null)).IsSuccessStatusCode);
        Assert.True((await rdec.PostAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/approve", null)).IsSuccessStatusCode);

        var before = await anonymous.GetStringAsync(Council);
        Assert.DoesNotContain("推動空污減量", before);
        Assert.DoesNotContain("本期尚未提報", before);   // what goes to the council lists no KPIs it has nothing on; the planner's page does

        Assert.True((await rdec.PostAsync("/api/maps/臺北市政府/107/periods/107/Q2/publish", Answers.Confirmed())).IsSuccessStatusCode);
        var after = await anonymous.GetStringAsync(Council);
        Assert.Contains("<h1>貳、策略目標與關鍵績效指標(KPI)之執行情形</h1>", after);
        Assert.Contains("<h2>一、營造永續環境</h2>", after);
        // 45.3 of the year's 51 is progress, not an achievement (AC1.1's kind is neither set nor known from its unit):
        // the report states the narrative and no 目標達成度 it used to print (88.8%) under a rule that did not make it.
        Assert.Matches("data-kpi=\"AC1.1\">\\(一\\)[^<：]+：推動空污減量，空品改善。<", after);
    }

    [Fact]
    public async Task The_council_and_results_reports_come_as_Word_and_print_and_from_the_command_line()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();

        var council = await client.GetAsync("/api/maps/臺北市政府秘書處/106/reports/council?format=docx");
        Assert.Equal("臺北市政府秘書處106年全年度議會工作報告.docx", council.Content.Headers.ContentDisposition!.FileNameStar);
        var councilWord = await council.Content.ReadAsByteArrayAsync();
        Assert.Empty(OfficeFiles.WordErrors(councilWord));
        Assert.Contains("修繕養護預算執行率：修繕及養護預算計 54 萬 9,542 元，全部執行完畢，共計修繕及養護 57 項，目標達成度 100%。", WordText(councilWord));

        var results = await client.GetByteArrayAsync("/api/maps/臺北市政府/108/reports/results?format=docx");
        Assert.Empty(OfficeFiles.WordErrors(results));
        Assert.Contains("DC1.1 失業率", WordText(results));
        var page = await client.GetStringAsync("/api/maps/臺北市政府/108/reports/results?format=html");
        Assert.Matches("data-kpi=\"DC1.1\"[\\s\\S]*?<svg[^>]*role=\"img\"[\\s\\S]*?<title>106-108年失業率</title>", page);
        Assert.Contains("<caption>106-108年失業率</caption>", page);   // the chart's figures in a table as well
        Assert.Contains("class=\"light\">●良<", page);
        // The 108 results come with the 109 revision, as seed 003 presents them, reasons as the 109 document gives them.
        Assert.Contains("<h1>109 年度修正內容（與 108 年比較）</h1>", page);
        Assert.Matches("data-code=\"DP3.3\"><td>刪除 KPI<[\\s\\S]*?經評估本項KPI係配合臺北市生技產業調查研究分析", page);
        Assert.Contains("文件所載 2(-1)，與地圖不符", page);
        Assert.Contains("經評估本項KPI係配合臺北市生技產業調查研究分析", WordText(results));

        var map = await client.GetStringAsync("/maps/臺北市政府/108");
        Assert.Contains("reports/council?format=docx", map);
        Assert.Contains("reports/results?format=html", map);

        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var output = Path.Combine(Path.GetTempPath(), $"council-{Guid.NewGuid():N}.docx");
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["report", "council", "臺北市政府秘書處", "106", output, .. settings]));
            Assert.Contains("一、優化職舍環境", WordText(await File.ReadAllBytesAsync(output)));
            Assert.Equal(0, await CommandLine.RunAsync(["report", "results", "臺北市政府", "108", output, .. settings]));
            Assert.Contains("【自評標準】", WordText(await File.ReadAllBytesAsync(output)));
            Assert.Equal(1, await CommandLine.RunAsync(["report", "results", "臺北市政府", "108", output.Replace(".docx", ".xlsx"), .. settings]));   // only the BSC table comes as Excel
        }
        finally { File.Delete(output); }
    }

    [Fact]
    public async Task A_theme_group_downloads_its_retreat_deck_as_PowerPoint_and_from_the_command_line()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient();

        var deck = await client.GetAsync("/api/maps/臺北市政府/108/reports/retreat?theme=D&format=pptx");
        Assert.Equal(HttpStatusCode.OK, deck.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", deck.Content.Headers.ContentType!.MediaType);
        Assert.Equal("臺北市政府首長領航共識營108年度施政成果暨109年修正內容優化產業勞動（D）組.pptx", deck.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await deck.Content.ReadAsByteArrayAsync();
        Assert.Empty(OfficeFiles.SlideErrors(bytes));
        using (var pptx = PresentationDocument.Open(new MemoryStream(bytes), false))
        {
            var text = string.Join("\n", pptx.PresentationPart!.SlideParts.Select(s => string.Join(" ", s.Slide.Descendants<DocumentFormat.OpenXml.Drawing.Paragraph>().Select(p => p.InnerText))));
            Assert.Contains("DC1.1 失業率", text);
            Assert.Contains("未達目標值 KPI 之補充說明", text);
            Assert.Contains("5.75 5.75 5.50", text);   // DP5.1's targets for 109–111, as printed
        }

        // A deck is PowerPoint only; a theme the map has not is not found, and one must be named where the map has several.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.GetAsync("/api/maps/臺北市政府/108/reports/retreat?theme=D&format=html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/maps/臺北市政府/108/reports/retreat?theme=Z&format=pptx")).StatusCode);
        var unnamed = await client.GetAsync("/api/maps/臺北市政府/107/reports/retreat?format=pptx");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unnamed.StatusCode);
        Assert.Contains("請指定策略主題（theme）", await unnamed.Content.ReadAsStringAsync());

        string[] settings = ["--Scorecard:Provider=sqlite", $"--ConnectionStrings:Scorecard={server.ConnectionString}"];
        var output = Path.Combine(Path.GetTempPath(), $"retreat-{Guid.NewGuid():N}.pptx");
        try
        {
            Assert.Equal(0, await CommandLine.RunAsync(["report", "retreat", "臺北市政府", "108", "--theme", "D", output, .. settings]));
            Assert.Empty(OfficeFiles.SlideErrors(await File.ReadAllBytesAsync(output)));
        }
        finally { File.Delete(output); }
    }
}
