using Scorecard.Testing;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Maps;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Scoring;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Accounts;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 9 §6: pages, messages and the report documents' headings in Chinese by default and in English
/// with ?lang=en (remembered in a cookie) or the browser's Accept-Language; years in ROC in Chinese and
/// Gregorian in English; the data as entered.
/// </summary>
[Collection(ServersCollection.Name)]
public class LanguageScenarios(Servers servers)
{
    [Fact]
    public async Task Pages_are_in_chinese_by_default_and_in_english_when_asked_with_the_data_as_entered()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new() { HandleCookies = false });

        var chinese = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"zh-Hant-TW\">", chinese);
        Assert.Contains("<h1>機關與策略地圖年度</h1>", chinese);
        Assert.Contains("107 年策略地圖", chinese);
        Assert.Contains(">English</a>", chinese);

        var response = await client.GetAsync("/?lang=en");
        var english = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("<h1>Organisations and their strategy-map years</h1>", english);
        Assert.Contains("2018 strategy map", english);          // 107 年 is 2018
        Assert.Contains("(carried over)", english);
        Assert.DoesNotContain("107 年", english);
        Assert.Contains("臺北市政府", english);                  // names stay as entered
        Assert.Contains("achieved ", english);                   // the roll-ups in words
        Assert.Matches("href=\"[^\"]*lang=zh-TW\"[^>]*>中文</a>", english);

        // The choice is remembered: the next page, without ?lang, is in English too.
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture="));
        var next = new HttpRequestMessage(HttpMethod.Get, "/search?q=AC1.1");
        next.Headers.Add("Cookie", cookie.Split(';')[0]);
        var search = await (await client.SendAsync(next)).Content.ReadAsStringAsync();
        Assert.Contains("<h1>Search KPIs</h1>", search);
        Assert.Matches("\\d+ KPIs match “AC1.1”", search);
        Assert.Contains("空氣品質優良日數比率", search);          // a KPI's name as entered

        // And switched back with ?lang=zh-TW.
        var back = new HttpRequestMessage(HttpMethod.Get, "/search?q=AC1.1&lang=zh-TW");
        back.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Contains("<h1>搜尋 KPI</h1>", await (await client.SendAsync(back)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_map_an_objective_and_the_public_page_read_in_english_with_gregorian_years()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new() { HandleCookies = false });

        var map = await client.GetStringAsync("/maps/臺北市政府/107?lang=en");
        Assert.Contains("<h1>臺北市政府 2018 strategy map</h1>", map);
        Assert.Contains(">Theme</th>", map);
        Assert.Contains("Customer C", map);
        Assert.Contains("2018 Q1 policy report", map);
        Assert.Contains("營造永續環境(A)", map);                // the theme's name as entered

        var objective = await client.GetStringAsync("/maps/臺北市政府/107/objectives/AC1?lang=en");
        Assert.Contains("<dt>Perspective</dt><dd>Customer</dd>", objective);
        Assert.Contains("Key performance indicators (", objective);
        Assert.Contains("2018 Q1 Actual: ", objective);
        Assert.Contains("standing-InProgress\">In progress</span>", objective);   // progress is no achievement figure (issue 33 §1)
        Assert.Contains("Year in progress: ", objective);
        Assert.Contains("空氣品質優良日數比率", objective);

        var kpi = await client.GetStringAsync("/maps/臺北市政府/107/kpis/AC1.1?lang=en");
        Assert.Contains("Standing in 2018: ", kpi);
        Assert.Contains("<dt>Direction</dt><dd>Higher is better</dd>", kpi);
        Assert.Contains(">Targets and actuals</h2>", kpi);
        Assert.Contains("<td>2018</td>", kpi);

        var dashboard = await client.GetStringAsync("/dashboard?year=108&period=Y&lang=en");
        Assert.Contains("<h1>Dashboard: Whole city 2019 whole year</h1>", dashboard);
        Assert.Contains("as they stood at the end of 2018 whole year", dashboard);
        Assert.Contains("Whole city (18)", dashboard);
        Assert.Contains("KPIs not achieved (1)", dashboard);
        Assert.Contains(">Not achieved</td>", dashboard);
        Assert.Contains("職業災害死亡百萬人率", dashboard);        // DP5.1 as entered

        var diff = await client.GetStringAsync("/maps/臺北市政府/diff?from=108&to=109&lang=en");
        Assert.Contains("<h1>臺北市政府 Strategy maps of 2019 and 2020 compared</h1>", diff);
        Assert.Contains(">Compare</button>", diff);
        Assert.Contains("Differences (", diff);

        var open = await client.GetStringAsync("/public?lang=en");
        Assert.Contains("<h1>Public information and open data</h1>", open);
        Assert.Contains("<span class=\"year\">2018</span>", open);
        Assert.Contains("Open Government Data License", open);
        Assert.Contains("<td>As the organisation entered it, not translated</td>", open);

        var chinese = await client.GetStringAsync("/maps/臺北市政府/107/objectives/AC1");
        Assert.Contains("107 年 第 1 季 實際值：", chinese);
        Assert.Contains("standing-InProgress\">進行中</span>", chinese);
    }

    [Fact]
    public async Task The_to_do_list_reads_in_english_with_dates_as_english_readers_write_them()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        Assert.True((await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true })).IsSuccessStatusCode);
        using var epb = await server.SignInAsync("epb@example.org");

        var english = await epb.GetStringAsync("/todo?lang=en");
        Assert.Contains("<h1>My to-do list</h1>", english);
        Assert.Contains("臺北市政府 2018 strategy map｜2018 Q2", english);
        Assert.Contains("Deadline 2018-07-15", english);
        Assert.Contains("Not entered", english);

        var entry = await epb.GetStringAsync("/maps/臺北市政府/107/entry/107/Q2?lang=en");
        Assert.Contains("<h1>Entry for 2018 Q2</h1>", entry);
        Assert.Contains("Before (2018 Q1)", entry);
        Assert.Contains("; deadline 2018-07-15", entry);
        Assert.Contains(">Save drafts and submit the ticked ones</button>", entry);

        var review = await rdec.GetStringAsync("/maps/臺北市政府/107/review/107/Q2?lang=en");
        Assert.Contains("<h1>Review and publishing of 2018 Q2</h1>", review);
        Assert.Contains(">Open for entry</strong>", review);
        Assert.Contains(">Publish…</button>", review);   // the preview first (issue 34)

        var revision = await rdec.GetStringAsync("/maps/臺北市政府/109/revision?lang=en");
        Assert.Contains("<h1>臺北市政府 2020 revision</h1>", revision);
        Assert.Contains("Compared with the 2019 version.", revision);
        Assert.Contains("4. Targets for 2020–2022", revision);

        var editing = await rdec.GetStringAsync("/maps/臺北市政府/107/edit?lang=en");
        Assert.Contains("<h1>Edit the 2018 strategy map of 臺北市政府</h1>", editing);
        Assert.Contains("aria-label=\"Theme A: lead organisation\"", editing);
        Assert.Contains(">Save the themes</button>", editing);

        var kpiEditing = await rdec.GetStringAsync("/maps/臺北市政府/107/kpis/AC1.1/edit?lang=en");
        Assert.Contains("<h1>Edit KPI <span class=\"code\">AC1.1</span> 空氣品質優良日數比率(AQI)</h1>", kpiEditing);
        Assert.Contains("aria-label=\"2018 Whole year target\"", kpiEditing);   // the labels a screen reader reads, years Gregorian
        Assert.Contains(">Save the targets</button>", kpiEditing);
        Assert.DoesNotContain("儲存", kpiEditing);
        Assert.Contains("Added KPI AC1.1: Code “AC1.1”", kpiEditing);   // its history, in words, the values as entered
        Assert.Contains("Name “空氣品質優良日數比率(AQI)”", kpiEditing);
        Assert.DoesNotContain("新增", kpiEditing);

        var assessment = await rdec.GetStringAsync("/maps/臺北市政府/108/self-assessment/108?lang=en");
        Assert.Contains("<h1>臺北市政府 2019 self-assessment</h1>", assessment);
        Assert.Contains("Total = achievement (capped at", assessment);

        using var admin = await server.SignInAsync("admin@example.org");
        var accounts = await admin.GetStringAsync("/admin?lang=en");
        Assert.Contains("<h1>Accounts and organisations</h1>", accounts);
        Assert.Contains("planner (臺北市政府)", accounts);
        Assert.Contains(">reporter</option>", accounts);
        Assert.Contains("<td>Bureau</td>", accounts);

        var chinese = await epb.GetStringAsync("/todo?lang=zh-TW");
        Assert.Contains("臺北市政府 107 年策略地圖｜107 年第 2 季", chinese);
        Assert.Contains("截止日 107/07/15", chinese);
    }

    [Theory]
    [InlineData("en-US,en;q=0.9", "Sign in")]
    [InlineData("en", "Sign in")]
    [InlineData("zh-TW,zh;q=0.9,en;q=0.5", "登入")]
    [InlineData("ja-JP", "登入")]
    public async Task The_browsers_language_chooses_when_nothing_else_has(string acceptLanguage, string heading)
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new() { HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Accept-Language", acceptLanguage);
        var page = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{heading}</h1>", page);
    }

    [Fact]
    public async Task A_page_not_found_says_so_in_the_readers_language()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new() { HandleCookies = false });
        var answer = await client.GetAsync("/not-found?lang=en");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Not found</h1>", page);
        Assert.Contains("There is no page at this address.", page);
        Assert.Contains(">Back to the organisations</a>", page);
    }

    /// <summary>Every word a page asks for has its English: a missing one would show in Chinese on an English page.</summary>
    [Fact]
    public void Every_word_the_pages_use_has_its_english()
    {
        var root = Repository.Root;
        var english = XDocument.Load(Path.Combine(root, "src/Scorecard.Web/Features/Language/Ui.en.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

        // The pages ask with T["…"]; code (the phrases of Features/Language, ProblemMapper's titles) with t["…"].
        var sources = Directory.GetFiles(Path.Combine(root, "src/Scorecard.Web"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Concat(Directory.GetFiles(Path.Combine(root, "src/Scorecard.Web"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")));
        var used = sources
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "\\b[Tt]\\[\"((?:[^\"\\\\]|\\\\.)*)\"").Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(used);
        // Words the pages pass through T[…] from code: the domain's labels and the sign-in failures.
        var fromCode = Enum.GetValues<OrganisationLevel>().Select(l => ("organisation levels", OrganisationTree.LevelName(l)))
            .Concat(Enum.GetValues<Period>().Select(p => ("periods", Periods.Label(p))))
            .Concat(Enum.GetValues<ValueKind>().Select(k => ("value kinds", Periods.KindLabel(k))))
            .Concat(Enum.GetValues<Standing>().Select(s => ("standings", RollUp.Label(s))))
            .Concat(new[] { "good", "mixed", "poor", "none" }.Select(b => ("roll-up bands", RollUp.BandLabel(b))))
            .Concat(Enum.GetValues<PeriodState>().Select(s => ("period states", Workflow.Label(s))))
            .Concat(Enum.GetValues<SubmissionState>().Select(s => ("submission states", Workflow.Label(s))))
            .Concat(Enum.GetValues<Direction>().Select(d => ("directions", Directions.Label(d))))
            .Append(("directions", Directions.Label(null)))
            .Concat(Perspective.All.Select(p => ("perspectives", p.NameZh)))
            .Concat(Enum.GetValues<Aggregation>().Select(a => ("aggregations", Aggregations.Label(a))))
            .Concat(Enum.GetValues<ReportingFrequency>().Select(f => ("frequencies", Frequencies.Label(f))))
            .Concat(Scorecard.Web.Features.OpenData.OpenDataRows.Fields.SelectMany(f => new[] { ("open-data fields", f.Label), ("open-data fields", f.Meaning) }))
            .Append(("LoginPage.razor", AccountApi.WrongPassword)).Append(("LoginPage.razor", AccountApi.LockedOut));

        var missing = used.Concat(fromCode).Where(u => !english.ContainsKey(u.Item2)).Select(u => $"{u.Item1}: {u.Item2}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English in Ui.en.resx for:\n" + string.Join("\n", missing));
        // Placeholders agree, so no figure is lost in translation.
        var placeholders = english.Where(e => Regex.Matches(e.Key, "\\{\\d\\}").Select(m => m.Value).Order().SequenceEqual(
            Regex.Matches(e.Value, "\\{\\d\\}").Select(m => m.Value).Order()) is false).Select(e => e.Key).ToList();
        Assert.Empty(placeholders);
    }

    [Fact]
    public void Every_message_the_code_writes_has_its_english()
    {
        var english = XDocument.Load(Path.Combine(Repository.Root, "src/Scorecard.Web/Features/Language/Ui.en.resx"))
            .Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var messages = SourceMessages.All();
        // The refusals of the domain, the import and the web layer, the warnings and the reasons: a few hundred.
        Assert.True(messages.Count > 200, $"only {messages.Count} messages found: is the source reader still finding them?");
        Assert.Contains(messages, m => m.Key == "找不到機關「{0}」；請確認名稱，或請系統管理者先建立此機關。");
        var missing = messages.Where(m => !english.ContainsKey(m.Key)).Select(m => $"{m.Where}\t{m.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No English in Ui.en.resx for:\n" + string.Join("\n", missing));
    }

    /// <summary>The documents' own words (titles, headings, column heads, sheet names) follow the reader; the data stays as entered.</summary>
    [Fact]
    public async Task Report_documents_say_their_headings_in_the_readers_language()
    {
        var server = await servers.DemoAsync("sqlite");
        using var client = server.CreateClient(new() { HandleCookies = false });
        using var english = server.CreateClient(new() { HandleCookies = false });
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var policyZh = await client.GetStringAsync("/api/maps/臺北市政府/107/reports/policy?format=html&period=Q1");
        Assert.Contains("<html lang=\"zh-Hant-TW\">", policyZh);
        Assert.Contains("<h1>臺北市政府 107 年 1 至 3 月施政報告</h1>", policyZh);
        Assert.Contains("<h2>一、責任機關</h2>", policyZh);
        var policy = await client.GetStringAsync("/api/maps/臺北市政府/107/reports/policy?format=html&period=Q1&lang=en");
        Assert.Contains("<html lang=\"en\">", policy);
        Assert.Contains("<h1>臺北市政府 policy report, January to March 2018</h1>", policy);
        Assert.Contains("<h2>2. Strategy map of 「營造永續環境」, 2018</h2>", policy);
        Assert.Contains("<th>2018 target</th>", policy);
        Assert.Contains("空氣品質優良日數比率(AQI)", policy);   // the data as entered

        // Word: the council report numbers its sections and items as English does.
        var council = await english.GetAsync("/api/maps/臺北市政府秘書處/106/reports/council");
        Assert.True(council.IsSuccessStatusCode, await council.Content.ReadAsStringAsync());
        var councilText = WordText(await council.Content.ReadAsByteArrayAsync());
        Assert.Contains("II. Progress on strategic objectives and key performance indicators (KPIs)", councilText);
        Assert.Contains("1. 優化職舍環境", councilText);
        Assert.Contains("(1) ", councilText);
        Assert.DoesNotContain("貳、", councilText);
        Assert.EndsWith("report_to_the_city_council,_the_whole_of_2017.docx", council.Content.Headers.ContentDisposition!.FileNameStar);

        var results = WordText(await english.GetByteArrayAsync("/api/maps/臺北市政府/108/reports/results"), withCharts: true);
        Assert.Contains("Self-assessment scale: ", results);
        Assert.Contains("失業率, 2017–2019", results);   // a chart's title, Gregorian years
        Assert.Contains("Weighted average", results);
        Assert.DoesNotContain("加權平均", results);

        // Excel: the sheets and the header row.
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(
            new MemoryStream(await english.GetByteArrayAsync("/api/maps/臺北市政府秘書處/105/reports/bsc?format=xlsx")), false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(x => x.Name!.Value).ToList();
        Assert.Equal(["Strategy map", "Balanced scorecard"], sheets);
        var cells = workbook.WorkbookPart.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text).ToList();
        Assert.Contains("2016 target", cells);
        Assert.Contains("Customer perspective", cells);
        Assert.DoesNotContain("填表說明：", cells);
    }

    /// <summary>A Word document's paragraphs, and where asked its charts' titles and categories.</summary>
    static string WordText(byte[] docx, bool withCharts = false)
    {
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = document.MainDocumentPart!;
        return string.Join("\n", main.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText)
            .Concat(withCharts ? main.ChartParts.Select(c => c.ChartSpace.InnerText) : []));
    }

    [Fact]
    public async Task Refusals_reasons_and_rules_are_said_in_the_readers_language()
    {
        var server = await servers.DemoAsync("sqlite");
        using var chinese = server.CreateClient(new() { HandleCookies = false });
        using var english = server.CreateClient(new() { HandleCookies = false });
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        // A 404 of the API: the same problem, in each reader's words.
        var missingZh = await Answers.Json(await chinese.GetAsync("/api/maps/不存在/107"));
        Assert.Equal("找不到「不存在」107 年的策略地圖。", missingZh["title"]!.GetValue<string>());
        var missingEn = await Answers.Json(await english.GetAsync("/api/maps/不存在/107"));
        Assert.Equal("The ROC 107 strategy map of “不存在” was not found.", missingEn["title"]!.GetValue<string>());

        // A refusal of the reporting cycle, with its states and steps in words: nothing Chinese left but the data.
        using var rdec = await server.SignInAsync("rdec@example.org");
        rdec.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var close = await rdec.PostAsync("/api/maps/臺北市政府/107/periods/107/Q3/close", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, close.StatusCode);
        var refused = await Answers.Json(close);
        Assert.Equal("The current state does not allow this step; nothing was changed.", refused["title"]!.GetValue<string>());
        var detail = refused["detail"]!.GetValue<string>();
        Assert.StartsWith("This period is “", detail);
        Assert.Contains("only a period open for entry can be closed", detail);
        Assert.DoesNotMatch("[\\u4e00-\\u9fff]", detail);

        // The rule and the reason written on a figure.
        var kpi = await english.GetStringAsync("/maps/臺北市政府/107/kpis/AC1.1");
        Assert.Contains("actual ÷ target; ", kpi);
        Assert.Contains("Year in progress: ", kpi);
        Assert.DoesNotContain("實際值÷目標值", kpi);
        Assert.DoesNotContain("年度進行中", kpi);
        var quarter = await english.GetStringAsync("/dashboard?year=107&period=Q1&organisation=臺北市政府&theme=A&objective=AC1");
        Assert.Contains("Year in progress: ", quarter);
        Assert.DoesNotContain("年度進行中", quarter);
        Assert.DoesNotContain("（第", quarter);
    }
}
