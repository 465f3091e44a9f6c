using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 34, the entry page as 環保局 lives it: the sheet saved again saves the rows changed and nothing else, rows already
/// submitted read as they stand and are never a failure; beside each figure its targets, the period before, and what the
/// saved figure comes to by the map's rule; a missed year-end figure asks for 狀況分析 and 對策 at once and in one refusal.
/// Each form is posted as the page renders it: its fields read from the page, as a browser sends them.
/// </summary>
[Collection(ServersCollection.Name)]
public partial class EntryPageScenarios(Servers servers)
{
    const string Api = "/api/maps/臺北市政府/107";
    const string Q2 = "/maps/臺北市政府/107/entry/107/Q2";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Saving_the_sheet_again_saves_only_the_row_changed_and_a_submitted_row_reads_as_it_stands(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
            await Ok(await planner.PostAsJsonAsync($"{Api}/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        using var browser = await PageBrowser.OpenAsync(server, "epb@example.org");
        using var reporter = await server.SignInAsync("epb@example.org");

        // AC1.1 entered and submitted, AC3.4 kept as a draft, in one save.
        var first = await PostAsync(browser, Q2, fields => fields
            .Set("AC1.1", "Value", "45.2").Set("AC1.1", "Narrative", "推動空污減量。").Tick("AC1.1", "Submit")
            .Set("AC3.4", "Value", "0.47"));
        Assert.Equal(["已儲存 2 項：AC1.1、AC3.4。", "已送出 1 項：AC1.1。"], Outcome(first));
        Assert.Equal("submitted", (await Json(await reporter.GetAsync($"{Api}/kpis/AC1.1/values/107/Q2/actual")))["state"]!.GetValue<string>());

        // The submitted row reads as it stands: its state and figure, no box to type in, nothing of it in the form.
        var page = await browser.Client.GetStringAsync(Q2);
        var ac11 = Card(page, "AC1.1");
        Assert.Contains("entry-card locked", ac11.Html);
        Assert.Contains("已送出", ac11.Text);
        Assert.Contains("本期實際值 45.2 %", ac11.Text);
        Assert.Contains("推動空污減量。", ac11.Text);
        Assert.Contains("已送出，等待研考審核；如需修改，請研考退回。", ac11.Text);
        Assert.DoesNotContain("<input", ac11.Html);
        Assert.DoesNotContain("<textarea", ac11.Html);

        // The sheet saved again with AC1.2 typed: only AC1.2 is saved; the draft left as it was is not written, and no failure is reported.
        var draft = (await reporter.GetAsync($"{Api}/kpis/AC3.4/values/107/Q2/actual")).Headers.ETag!.Tag;
        var second = await PostAsync(browser, Q2, fields => fields.Set("AC1.2", "Value", "18.1"));
        Assert.Equal(["已儲存 1 項：AC1.2。"], Outcome(second));
        Assert.DoesNotContain("未能儲存", second);
        Assert.DoesNotContain("此填報已送出", second);
        Assert.Equal(draft, (await reporter.GetAsync($"{Api}/kpis/AC3.4/values/107/Q2/actual")).Headers.ETag!.Tag);
        Assert.Contains("已送出", Card(second, "AC1.1").Text);

        // Saved once more as it stands: nothing changes, and the page says so.
        var before = await server.TableChecksumsAsync();
        var third = await PostAsync(browser, Q2, fields => fields);
        Assert.Equal(["沒有變更，未儲存任何項目。"], Outcome(third));
        Assert.Equal(before, await server.TableChecksumsAsync());

        // A row refused is said in red, apart from what was saved: a status with a figure, beside a row saved.
        var fourth = await PostAsync(browser, Q2, fields => fields.Set("AC1.2", "Status", "尚無法統計").Set("AC1.3", "Value", "60"));
        Assert.Contains("<p class=\"done\">已儲存 1 項：AC1.3。</p>", fourth);
        Assert.Contains("<p class=\"refused\">1 項未能儲存或送出：AC1.2；請見標示的欄位。</p>", fourth);
        Assert.Contains("實際值與狀態只能擇一填寫。", Card(fourth, "AC1.2").Text);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Beside_a_saved_Q2_figure_are_its_targets_the_period_before_and_what_it_comes_to(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
            await Ok(await planner.PostAsJsonAsync($"{Api}/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        using var browser = await PageBrowser.OpenAsync(server, "epb@example.org");

        // PM2.5 (AC1.2, seed 000): lower is better, the year's target 17, Q1 19.2. Its kind is inferred as an average (µg/m³),
        // so Q2's 18.1 is judged on the mean so far, (19.2 + 18.1) ÷ 2 = 18.65: 17 ÷ 18.65 = 91.2%, not achieved,
        // and the year projected at that mean, above 17.
        var saved = await PostAsync(browser, Q2, fields => fields.Set("AC1.2", "Value", "18.1"));
        var card = Card(saved, "AC1.2").Text;
        Assert.Contains("本期目標值 （無） 年度目標值 17", card);   // Q2 has no target of its own
        Assert.Contains("年度目標值 17", card);
        Assert.Contains("前期（107 年第 1 季） 19.2", card);
        Assert.Contains("已儲存 18.1 µg/m³", card);
        Assert.Contains("達成情形 91.2%（未達標）", card);
        Assert.Contains("目標值÷實際值（負向）", card);
        Assert.Contains("預估未達標", card);
        Assert.Contains("年底約 18.7 µg/m³，高於目標 17", card);
        // A quarter's miss opens its explanation boxes, not required before submitting.
        Assert.Matches("<details class=\"explanation\" open", Card(saved, "AC1.2").Html);
        Assert.Contains("（未達標時填寫）", card);
        // A row with nothing saved has its targets and the period before, and no verdict.
        var ac11 = Card(saved, "AC1.1").Text;
        Assert.Contains("年度目標值 51", ac11);
        Assert.Contains("前期（107 年第 1 季） 40.7", ac11);
        Assert.DoesNotContain("達成情形", ac11);
        Assert.DoesNotMatch("<details class=\"explanation\" open", Card(saved, "AC1.1").Html);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_missed_year_end_figure_submitted_without_explanations_is_refused_once_naming_both(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using (var planner = await server.SignInAsync("rdec@example.org"))
            await Ok(await planner.PostAsJsonAsync($"{Api}/periods/107/Y/open", new { deadline = "2019-01-31", confirm = true }));
        const string Year = "/maps/臺北市政府/107/entry/107/Y";
        using var browser = await PageBrowser.OpenAsync(server, "epb@example.org");
        using var reporter = await server.SignInAsync("epb@example.org");

        // AC1.1: 40 against 51, higher is better. Typed and ticked with no explanation: the draft is kept, the submit refused once, naming both.
        var refused = await PostAsync(browser, Year, fields => fields.Set("AC1.1", "Value", "40").Tick("AC1.1", "Submit"));
        Assert.Equal(["已儲存 1 項：AC1.1。", "1 項未能儲存或送出：AC1.1；請見標示的欄位。"], Outcome(refused));
        var card = Card(refused, "AC1.1");
        Assert.Single(Regex.Matches(card.Text, "送出前須填寫"));
        Assert.Contains("本年度未達標，送出前須填寫狀況分析及對策。", card.Text);
        Assert.Contains("（本年度未達標，送出前必填）", card.Text);
        Assert.Matches("<details class=\"explanation\" open", card.Html);
        Assert.Matches("<textarea name=\"Form.Rows\\[\\d+\\].Analysis\"[^>]*class=\"invalid\" aria-invalid=\"true\"", card.Html);
        Assert.Matches("<textarea name=\"Form.Rows\\[\\d+\\].Countermeasure\"[^>]*class=\"invalid\" aria-invalid=\"true\"", card.Html);
        Assert.Equal("draft", (await Json(await reporter.GetAsync($"{Api}/kpis/AC1.1/values/107/Y/actual")))["state"]!.GetValue<string>());

        // On the next visit the saved miss opens the boxes at once, before any submit.
        Assert.Matches("<details class=\"explanation\" open", Card(await browser.Client.GetStringAsync(Year), "AC1.1").Html);

        // Both written: saved and submitted in one go.
        var done = await PostAsync(browser, Year, fields => fields
            .Set("AC1.1", "Analysis", "境外污染移入日數增加。").Set("AC1.1", "Countermeasure", "加強營建工地稽查。").Tick("AC1.1", "Submit"));
        Assert.Equal(["已儲存 1 項：AC1.1。", "已送出 1 項：AC1.1。"], Outcome(done));
        Assert.Contains("境外污染移入日數增加。", Card(done, "AC1.1").Text);
    }

    /// <summary>Issue 33 §5: a figure typed with its words (「45.0%」, 「&lt;18.5」) keeps them, from the entry to the published pages and open data.</summary>
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_figure_typed_with_its_words_keeps_them_from_entry_to_open_data(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var planner = await server.SignInAsync("rdec@example.org");
        await Ok(await planner.PostAsJsonAsync($"{Api}/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
        using var browser = await PageBrowser.OpenAsync(server, "epb@example.org");
        using var reporter = await server.SignInAsync("epb@example.org");
        using var anonymous = server.CreateClient();

        // 「45.0%」 typed on the page for AC1.1, 「<18.5」 sent through the API for AC1.2: each is read as its number and kept as typed.
        var saved = await PostAsync(browser, Q2, fields => fields.Set("AC1.1", "Value", "45.0%").Tick("AC1.1", "Submit"));
        Assert.Equal(["已儲存 1 項：AC1.1。", "已送出 1 項：AC1.1。"], Outcome(saved));
        Assert.Contains("本期實際值 45.0% %", Card(saved, "AC1.1").Text);
        await Ok(await reporter.PutAsJsonAsync($"{Api}/kpis/AC1.2/values/107/Q2/actual", new { value = "<18.5" }));
        var ac12 = await Json(await reporter.GetAsync($"{Api}/kpis/AC1.2/values/107/Q2/actual"));
        Assert.Equal((18.5m, "<18.5"), (ac12["value"]!.GetValue<decimal>(), ac12["printed"]!.GetValue<string>()));
        await Ok(await reporter.PostAsync($"{Api}/kpis/AC1.2/values/107/Q2/submit", null));
        Assert.Contains("&lt;18.5", await planner.GetStringAsync("/maps/臺北市政府/107/review/107/Q2"));
        foreach (var code in new[] { "AC1.1", "AC1.2" })
            await Ok(await planner.PostAsync($"{Api}/kpis/{code}/values/107/Q2/approve", null));
        await Ok(await planner.PostAsync($"{Api}/periods/107/Q2/publish", Confirmed()));

        Assert.Contains(">45.0%<", await anonymous.GetStringAsync("/maps/臺北市政府/107/kpis/AC1.1"));
        Assert.Contains(">&lt;18.5<", await anonymous.GetStringAsync("/maps/臺北市政府/107/kpis/AC1.2"));
        var csv = (await anonymous.GetStringAsync("/api/open-data/107.csv")).Split("\r\n");
        Assert.Contains(csv, l => l.Contains(",AC1.2,") && l.Contains(",Q2,17,18.5,") && l.EndsWith(",,<18.5,"));
        Assert.Contains(csv, l => l.Contains(",AC1.1,") && l.Contains(",Q2,51,45,") && l.EndsWith(",,45.0%,"));
    }

    // ── the page as a browser reads and posts it ──

    /// <summary>Reads the entry form from the page, lets the test change it as a person would, and posts it; the page answered.</summary>
    static async Task<string> PostAsync(PageBrowser browser, string page, Func<SheetFields, SheetFields> change)
    {
        var html = await browser.Client.GetStringAsync(page);
        var fields = change(SheetFields.Read(html));
        var body = new List<KeyValuePair<string, string>> { new("_handler", "entry"), new("__RequestVerificationToken", PageBrowser.FormToken(html)) };
        body.AddRange(fields.Pairs);
        var answer = await browser.Client.PostAsync(page, new FormUrlEncodedContent(body));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>The lines of the save's outcome, as shown.</summary>
    static List<string> Outcome(string html)
    {
        var at = html.IndexOf("<div class=\"entry-outcome\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "no outcome shown");
        var box = html[at..html.IndexOf("</div>", at, StringComparison.Ordinal)];
        return [.. Regex.Matches(box, "<p[^>]*>(.*?)</p>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    /// <summary>A KPI's card: its markup, and its text as read (tags dropped, spaces collapsed).</summary>
    static (string Html, string Text) Card(string html, string code)
    {
        var at = html.IndexOf($"id=\"kpi-{code}-\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no card for {code}");
        var card = html[at..html.IndexOf("</li>", at, StringComparison.Ordinal)];
        var text = Regex.Replace(System.Net.WebUtility.HtmlDecode(Regex.Replace(card[(card.IndexOf('>') + 1)..], "<[^>]+>", " ")), @"\s+", " ").Trim();
        return (card, text);
    }

    /// <summary>The entry form's fields as a browser would send them: hidden and typed inputs, ticked boxes, textareas, selected options.</summary>
    sealed partial class SheetFields
    {
        readonly List<(string Name, string Value)> fields = [];
        readonly Dictionary<string, int> rowOf = [];

        public IEnumerable<KeyValuePair<string, string>> Pairs => fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value));

        public static SheetFields Read(string html)
        {
            var at = html.IndexOf("class=\"entry-sheet\"", StringComparison.Ordinal);
            Assert.True(at >= 0, "no entry form on the page");
            var form = html[at..html.IndexOf("</form>", at, StringComparison.Ordinal)];
            var read = new SheetFields();
            foreach (Match m in Field().Matches(form))
            {
                var tag = m.Value;
                var name = Attribute(tag, "name");
                if (name is null || !name.StartsWith("Form.", StringComparison.Ordinal)) continue;
                if (tag.StartsWith("<textarea", StringComparison.Ordinal))
                    read.fields.Add((name, System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value)));
                else if (tag.StartsWith("<select", StringComparison.Ordinal))
                    read.fields.Add((name, Selected().Match(m.Groups["options"].Value) is { Success: true } o ? System.Net.WebUtility.HtmlDecode(o.Groups[1].Value) : ""));
                else if (Attribute(tag, "type") == "checkbox")
                {
                    if (tag.Contains(" checked", StringComparison.Ordinal)) read.fields.Add((name, Attribute(tag, "value") ?? "on"));
                }
                else
                    read.fields.Add((name, Attribute(tag, "value") ?? ""));
                if (name.EndsWith(".Code", StringComparison.Ordinal) && RowIndex().Match(name) is { Success: true } row && !name.Contains(".Plans[", StringComparison.Ordinal))
                    read.rowOf[read.fields[^1].Value] = int.Parse(row.Groups[1].Value);
            }
            return read;
        }

        /// <summary>Types <paramref name="value"/> into a row's field (Value, Status, Narrative, Analysis, Countermeasure).</summary>
        public SheetFields Set(string code, string field, string value)
        {
            Assert.True(rowOf.TryGetValue(code, out var row), $"{code} is not in the form");
            var name = $"Form.Rows[{row}].{field}";
            fields.RemoveAll(f => f.Name == name);
            fields.Add((name, value));
            return this;
        }

        public SheetFields Tick(string code, string box) => Set(code, box, "true");

        static string? Attribute(string tag, string name) =>
            Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        [GeneratedRegex("<textarea[^>]*>(?<text>.*?)</textarea>|<select[^>]*>(?<options>.*?)</select>|<input[^>]*>", RegexOptions.Singleline)]
        private static partial Regex Field();

        [GeneratedRegex("<option value=\"([^\"]*)\" selected")]
        private static partial Regex Selected();

        [GeneratedRegex(@"^Form\.Rows\[(\d+)\]\.Code$")]
        private static partial Regex RowIndex();
    }
}
