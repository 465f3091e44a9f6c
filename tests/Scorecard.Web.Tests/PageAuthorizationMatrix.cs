using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// The authorization matrix of the pages, as a browser meets them: every page of the app × every role
/// (and signed out) → shown, sent to sign in, refused (403) or not found (404); and every form of every
/// page posted by every role → done, sent to sign in, or refused with nothing changed. The rows come
/// from the app: a new page without a row, or a new form in the pages' source without one, fails.
/// An unpublished figure entered before the matrix must never reach a page of someone who may not read it.
/// </summary>
// In the long-running collection, beside the fuzzing: about 40 s, and the other collection is the longer one.
[Collection(LongRunningCollection.Name)]
public partial class PageAuthorizationMatrix(Servers servers)
{
    enum Expect { Shown, SignIn, Refused, NotFound }
    const Expect S = Expect.Shown, L = Expect.SignIn, R = Expect.Refused, N = Expect.NotFound;

    // Who is asked, in this order: signed out, administrator, planner of the city (研考會), reporter of
    // 環保局 (owns AC1.1), viewer of the city (the mayor), and a planner of another organisation (秘書處).
    static readonly string[] Who = ["anonymous", "admin@example.org", "rdec@example.org", "epb@example.org", "mayor@example.org", "secretariat@example.org"];

    /// <summary>Entered by 環保局 for 107 Q3 and submitted, not published: only those who may read the city's unpublished figures see it.</summary>
    const string Unpublished = "未公開說明ＸＪ７";

    /// <summary>A page pattern (as routed) → an address of it in the demo city, and what each of <see cref="Who"/> gets.</summary>
    static readonly Dictionary<string, (string Url, Expect[] Expected)> Pages = new()
    {
        ["/"] = ("/", [S, S, S, S, S, S]),
        ["/account/login"] = ("/account/login", [S, S, S, S, S, S]),
        ["/not-found"] = ("/not-found", [N, N, N, N, N, N]),
        ["/search"] = ("/search?q=空氣", [S, S, S, S, S, S]),
        ["/public"] = ("/public", [S, S, S, S, S, S]),
        ["/open-data"] = ("/open-data", [S, S, S, S, S, S]),
        ["/dashboard"] = ("/dashboard", [S, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}"] = ("/maps/臺北市政府/107", [S, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/kpis/{Code}"] = ("/maps/臺北市政府/107/kpis/AC1.1", [S, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/objectives/{Code}"] = ("/maps/臺北市政府/107/objectives/AC1", [S, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/evaluations"] = ("/maps/臺北市政府/107/evaluations", [S, S, S, S, S, S]),
        ["/maps/{Organisation}/diff"] = ("/maps/臺北市政府/diff?from=108&to=109", [S, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/revision"] = ("/maps/臺北市政府/109/revision", [S, S, S, S, S, S]),
        ["/todo"] = ("/todo", [L, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/entry/{ValueRocYear:int}/{PeriodText}"] = ("/maps/臺北市政府/107/entry/107/Q3", [L, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/review/{ValueRocYear:int}/{PeriodText}"] = ("/maps/臺北市政府/107/review/107/Q3", [L, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/self-assessment/{ValueRocYear:int}"] = ("/maps/臺北市政府/107/self-assessment/107", [L, S, S, S, S, S]),
        ["/maps/{Organisation}/{RocYear:int}/edit"] = ("/maps/臺北市政府/107/edit", [L, S, S, R, R, R]),
        ["/maps/{Organisation}/{RocYear:int}/kpis/{Code}/edit"] = ("/maps/臺北市政府/107/kpis/AC1.1/edit", [L, S, S, R, R, R]),
        ["/maps/{Organisation}/{RocYear:int}/settings"] = ("/maps/臺北市政府/107/settings", [L, S, S, R, R, R]),
        ["/maps/{Organisation}/{RocYear:int}/kinds"] = ("/maps/臺北市政府/107/kinds", [L, S, S, R, R, R]),
        ["/maps/{Organisation}/{RocYear:int}/reports/{Kind}/{PeriodText}"] = ("/maps/臺北市政府/107/reports/council/H2", [L, S, S, R, R, R]),
        ["/import"] = ("/import", [L, S, S, S, S, S]),
        ["/admin"] = ("/admin", [L, S, R, R, R, R]),
    };

    /// <summary>
    /// Addresses beyond one per pattern: a draft map (the 110 revision rolled forward before the matrix) is
    /// there only for those who may edit it; to anyone else it does not exist. (/maps/臺北市政府/110 itself
    /// is the published 109 plan, in force for 110 until the revision is published.)
    /// </summary>
    static readonly (string Url, Expect[] Expected)[] MorePages =
    [
        ("/maps/臺北市政府/110/revision", [N, S, S, N, N, N]),
        ("/maps/臺北市政府/110/edit", [L, S, S, R, R, R]),
        ("/maps/臺北市政府/110/settings", [L, S, S, R, R, R]),
    ];

    enum Post { Done, SignIn, Refused }
    const Post D = Post.Done, X = Post.Refused, I = Post.SignIn;

    /// <summary>
    /// "page#form" → where it is posted, its fields (beside the handler and the form token), and what each of <see cref="Who"/> gets.
    /// "Done" means the role was let through: the form may still be refused for what it says or the state things are in.
    /// "Refused" is a 403, the role's refusal in words, or a page that does not offer that form to the role at all
    /// (the framework answers 400 and runs no handler): the post was made by hand, as an attacker would.
    /// </summary>
    static readonly Dictionary<string, (string Url, (string, string)[] Fields, Post[] Expected)> Forms = new()
    {
        ["LoginPage#login"] = ("/account/login", [("Form.Email", "nobody@example.org"), ("Form.Password", "x")], [D, D, D, D, D, D]),
        ["EntryPage#entry"] = ("/maps/臺北市政府/107/entry/107/Q3",
            [("Form.Rows[0].Code", "AC1.2"), ("Form.Rows[0].Value", "12")], [I, D, X, D, X, X]),
        // The period's steps, each offered only in the state that allows it: 107 Q4 is not open, Q3 open, Q2 published with a
        // figure approved since. Those let through are refused for what they send (a past deadline not confirmed, a stale
        // version), so that each role after them still finds the form.
        ["ReviewPage#open"] = ("/maps/臺北市政府/107/review/107/Q4", [("OpenForm.Deadline", "2019-01-15")], [I, D, D, X, X, X]),
        ["ReviewPage#close"] = ("/maps/臺北市政府/107/review/107/Q3", [("CloseForm.Version", "-5")], [I, D, D, X, X, X]),
        ["ReviewPage#publish"] = ("/maps/臺北市政府/107/review/107/Q3?publish=preview", [("PublishForm.Version", "-5")], [I, D, D, X, X, X]),
        ["ReviewPage#publishnew"] = ("/maps/臺北市政府/107/review/107/Q2", [("PublishNewForm.Version", "-5")], [I, D, D, X, X, X]),
        ["ReviewPage#reopen"] = ("/maps/臺北市政府/107/review/107/Q2", [("ReopenForm.Reason", "更正"), ("ReopenForm.Version", "-5")], [I, D, D, X, X, X]),
        ["ReviewPage#review"] = ("/maps/臺北市政府/107/review/107/Q3",
            [("ReviewForm.Rows[0].Code", "AC1.1"), ("ReviewForm.Rows[0].Decision", "return"), ("ReviewForm.Rows[0].Comment", "請補充")], [I, D, D, X, X, X]),
        // Theme D's 108 evaluation is open, DC1.1 self-assessed and submitted by the administrator (no account asked here reports for 勞動局 or 產業局).
        ["SelfAssessmentPage#round"] = ("/maps/臺北市政府/108/self-assessment/108", [("RoundForm.Action", "open")], [I, D, D, X, X, X]),
        ["SelfAssessmentPage#assess"] = ("/maps/臺北市政府/108/self-assessment/108",
            [("Form.Rows[0].Code", "DP4.3"), ("Form.Rows[0].Innovation", "80")], [I, D, X, X, X, X]),
        ["SelfAssessmentPage#review"] = ("/maps/臺北市政府/108/self-assessment/108",
            [("ReviewForm.Rows[0].Code", "DC1.1"), ("ReviewForm.Rows[0].Decision", "approve")], [I, D, D, X, X, X]),
        ["MapEditPage#statement"] = ("/maps/臺北市政府/107/edit", [("Statement.Vision", "宜居永續城市"), ("Statement.PerspectiveOrder", "CPLF")], [I, D, D, X, X, X]),
        ["MapEditPage#themes"] = ("/maps/臺北市政府/107/edit", [("Themes.Rows[0].Code", "Z"), ("Themes.Rows[0].Name", "測試主題")], [I, D, D, X, X, X]),
        ["MapEditPage#objectives"] = ("/maps/臺北市政府/107/edit",
            [("Objectives.Rows[0].Code", "AC8"), ("Objectives.Rows[0].Theme", "A"), ("Objectives.Rows[0].Perspective", "C"), ("Objectives.Rows[0].Name", "測試目標")], [I, D, D, X, X, X]),
        ["MapEditPage#links"] = ("/maps/臺北市政府/107/edit", [("LinkRows.Rows[0].From", "AC1"), ("LinkRows.Rows[0].To", "AC2")], [I, D, D, X, X, X]),
        ["MapEditPage#newkpi"] = ("/maps/臺北市政府/107/edit",
            [("NewKpi.Objective", "AC1"), ("NewKpi.Code", "AC1.9"), ("NewKpi.Name", "測試 KPI"), ("NewKpi.Owners", "環保局")], [I, D, D, X, X, X]),
        ["KpiEditPage#definition"] = ("/maps/臺北市政府/107/kpis/AC1.1/edit", [("Definition.Code", "AC1.1"), ("Definition.Objective", "AC1"), ("Definition.Name", "測試名稱")], [I, D, D, X, X, X]),
        ["KpiEditPage#parts"] = ("/maps/臺北市政府/107/kpis/AC1.1/edit",
            [("Parts.Rows[0].Code", "AC1.1"), ("Parts.Rows[0].Name", "測試分項"), ("Parts.Rows[0].Owners", "都發局"), ("Parts.Rows[0].Weight", "50")], [I, D, D, X, X, X]),
        ["KpiEditPage#targets"] = ("/maps/臺北市政府/107/kpis/AC1.1/edit",
            [("Targets.Rows[0].RocYear", "108"), ("Targets.Rows[0].Period", "Y"), ("Targets.Rows[0].Value", "10")], [I, D, D, X, X, X]),
        ["KpiEditPage#plans"] = ("/maps/臺北市政府/107/kpis/AC1.1/edit", [("Plans.Rows[0].Code", "AC1.1.9"), ("Plans.Rows[0].Name", "測試方案")], [I, D, D, X, X, X]),
        ["KpiEditPage#delete"] = ("/maps/臺北市政府/107/kpis/AC1.9/edit", [("Remove.Confirm", "AC1.9")], [I, D, D, X, X, X]),
        ["SettingsEditPage#settings"] = ("/maps/臺北市政府/107/settings", [("Settings.AchievementWeight", "70")], [I, D, D, X, X, X]),
        ["KindsEditPage#kinds"] = ("/maps/臺北市政府/107/kinds", [("Kinds.Rows[0].Code", "AC1.2"), ("Kinds.Rows[0].Direction", "lower")], [I, D, D, X, X, X]),
        // The city's 107 H2 council report has no sections: the administrator starts them, the planner is then told they are started.
        ["ReportEditionPage#start"] = ("/maps/臺北市政府/107/reports/council/H2", [("Start.Confirm", "true")], [I, D, D, X, X, X]),
        ["ReportEditionPage#section"] = ("/maps/臺北市政府/107/reports/council/H2?section=new", [("Form.Title", "參、創新作為"), ("Form.Body", "一、測試。")], [I, D, D, X, X, X]),
        ["ImportPage#import"] = ("/import", [], [I, D, D, X, X, X]),
        // The preview the planner made before the matrix, held for the planner alone: anyone else is told it is gone.
        ["ImportPage#confirm"] = ("/import", [("Held", "{held}")], [I, X, D, X, X, X]),
        ["RevisionPage#rollforward"] = ("/maps/臺北市政府/109/revision", [("Roll.PlanYear", "110")], [X, D, D, X, X, X]),
        ["RevisionPage#reasons"] = ("/maps/臺北市政府/110/revision",
            [("Form.Rows[0].Change", "renameKpi"), ("Form.Rows[0].Code", "DC1.1"), ("Form.Rows[0].Reason", "文字修正"), ("Form.Action", "save")], [X, D, D, X, X, X]),
        ["AdministrationPage#add"] = ("/admin", [("Add.Email", "new@example.org"), ("Add.Role", "viewer"), ("Add.Organisation", "臺北市政府")], [I, D, X, X, X, X]),
        ["AdministrationPage#reset"] = ("/admin", [], [I, D, X, X, X, X]),
        ["AdministrationPage#role"] = ("/admin", [("Role.Email", "new@example.org"), ("Role.Role", "reporter"), ("Role.Organisation", "環保局"), ("Role.Action", "grant")], [I, D, X, X, X, X]),
        ["AdministrationPage#organisation"] = ("/admin",
            [("Org.Name", "臺北市政府數位發展局"), ("Org.Level", "bureau"), ("Org.Parent", "臺北市政府")], [I, D, X, X, X, X]),
    };

    [Fact]
    public async Task Every_page_and_every_form_has_a_row()
    {
        var server = await servers.DemoAsync("sqlite");
        var patterns = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.NotEmpty(patterns);
        Assert.Empty(patterns.Except(Pages.Keys));     // a page without a row
        Assert.Empty(Pages.Keys.Except(patterns));     // a row for a page that is gone

        // Forms are found in the pages' source: each @formname, named by its page ("reset-{email}" is the form "reset").
        var forms = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Scorecard.Web"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => FormName().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileNameWithoutExtension(f)}#{m.Groups["name"].Value}"))
            .Distinct().ToList();
        Assert.Contains("EntryPage#entry", forms);
        Assert.Empty(forms.Except(Forms.Keys));
        Assert.Empty(Forms.Keys.Except(forms));
    }

    [GeneratedRegex("""@formname="(?:@\(\$")?(?<name>[a-z]+)""")]
    private static partial Regex FormName();

    [Fact]
    public async Task Each_role_gets_the_pages_and_forms_the_table_says_and_never_a_figure_it_may_not_read()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        // The state the rows need: 107 Q3 open with an unpublished, submitted figure; the 110 revision drafted from 109;
        // theme D's 108 year published and its evaluation open, with one self-assessment submitted.
        using (var planner = await server.SignInAsync("rdec@example.org"))
        {
            await Answers.Ok(await planner.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = "2018-10-15", confirm = true }));
            await Answers.Ok(await planner.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = "2018-07-15", confirm = true }));
            await Answers.Ok(await planner.PostAsync("/api/maps/臺北市政府/109/roll-forward", null));
            await Answers.Ok(await planner.PostAsJsonAsync("/api/maps/臺北市政府/108/periods/108/Y/open", new { deadline = "2020-01-31", confirm = true }));
            await Answers.Ok(await planner.PostAsync("/api/maps/臺北市政府/108/periods/108/Y/publish", Answers.Confirmed()));
            await Answers.Ok(await planner.PostAsync("/api/maps/臺北市政府/108/evaluation/108/open", null));
        }
        using (var administrator = await server.AdministratorAsync())
        {
            await Answers.Ok(await administrator.PutAsJsonAsync("/api/maps/臺北市政府/108/evaluation/108/kpis/DC1.1", new
            {
                innovation = 80, challenge = 70, contribution = 90,
                innovationNarrative = "新作法。", challengeNarrative = "目標提高。", contributionNarrative = "有助產業。",
            }));
            await Answers.Ok(await administrator.PostAsync("/api/maps/臺北市政府/108/evaluation/108/kpis/DC1.1/submit", null));
        }
        using (var reporter = await server.SignInAsync("epb@example.org"))
        {
            await Answers.Ok(await reporter.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q3/actual", new { value = 44, narrative = Unpublished }));
            await Answers.Ok(await reporter.PostAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q3/submit", null));
            await Answers.Ok(await reporter.PutAsJsonAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/actual", new { value = 45 }));
            await Answers.Ok(await reporter.PostAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/submit", null));
        }
        using (var planner = await server.SignInAsync("rdec@example.org"))
        {
            await Answers.Ok(await planner.PostAsync("/api/maps/臺北市政府/107/periods/107/Q2/publish", Answers.Confirmed()));
            await Answers.Ok(await planner.PostAsync("/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2/approve", null));
        }
        var browsers = new List<PageBrowser>();
        foreach (var who in Who)
            browsers.Add(await PageBrowser.OpenAsync(server, who == "anonymous" ? null : who));
        var preview = await browsers[2].Client.PostAsync("/import", ImportForm([new("_handler", "import"), new("__RequestVerificationToken", browsers[2].Token)]));
        var held = Regex.Match(await preview.Content.ReadAsStringAsync(), "name=\"Held\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(held);

        var failures = new List<string>();
        var seenUnpublished = new HashSet<string>();
        foreach (var (pattern, (url, expected)) in Pages)
            await CheckPageAsync(pattern, url, expected);
        foreach (var (url, expected) in MorePages)
            await CheckPageAsync(url, url, expected);
        // The figure is there to be seen by those who may: the reporter who entered it, the planner who reviews it.
        Assert.Contains("epb@example.org", seenUnpublished);
        Assert.Contains("rdec@example.org", seenUnpublished);

        // Forms: the roles refused go first, the table's checksums taken around them; then the roles let through.
        foreach (var (key, (url, fields, expected)) in Forms)
        {
            var before = await server.TableChecksumsAsync();
            foreach (var i in Enumerable.Range(0, Who.Length).Where(i => expected[i] != Post.Done))
                failures.AddRange(await PostAsync(key, url, fields, i, expected[i]));
            if (await server.TableChecksumsAsync() != before)
                failures.Add($"{key}: a refused post changed the database.");
            foreach (var i in Enumerable.Range(0, Who.Length).Where(i => expected[i] == Post.Done))
                failures.AddRange(await PostAsync(key, url, fields, i, Post.Done));
        }
        foreach (var b in browsers) b.Dispose();
        Assert.True(failures.Count == 0, $"{failures.Count} cells differ from the table:\n{string.Join('\n', failures)}");

        async Task CheckPageAsync(string row, string url, Expect[] expected)
        {
            for (var i = 0; i < Who.Length; i++)
            {
                var response = await browsers[i].Client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                var got = Outcome(response);
                if (got != expected[i])
                    failures.Add($"{row} ({url}) as {Who[i]}: expected {expected[i]}, got {(int)response.StatusCode} {response.Headers.Location} {Excerpt(body)}");
                // A refused or missing page says why, in words.
                else if (got is Expect.Refused or Expect.NotFound && !Regex.IsMatch(body, "(role=\"alert\"|class=\"problem\")[^>]*>[^<]+<"))
                    failures.Add($"{row} ({url}) as {Who[i]}: {(int)response.StatusCode} without a word of why: {Excerpt(body)}");
                if (body.Contains(Unpublished))
                {
                    seenUnpublished.Add(Who[i]);
                    if (Who[i] is "anonymous" or "secretariat@example.org")
                        failures.Add($"{url} as {Who[i]}: shows the unpublished narrative.");
                }
            }
        }

        async Task<List<string>> PostAsync(string key, string url, (string, string)[] fields, int who, Post expected)
        {
            var browser = browsers[who];
            var form = key.Split('#')[1];
            var handler = form == "reset" ? "reset-new@example.org" : form;
            var content = new List<KeyValuePair<string, string>> { new("_handler", handler), new("__RequestVerificationToken", browser.Token) };
            content.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2.Replace("{held}", held))));
            HttpContent body = form == "import"
                ? ImportForm(content)
                : new FormUrlEncodedContent(content);
            var response = await browser.Client.PostAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            var got = response.StatusCode switch
            {
                HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("account/login") == true => Post.SignIn,
                HttpStatusCode.Unauthorized => Post.SignIn,
                HttpStatusCode.Forbidden => Post.Refused,
                _ when text.Contains("您的角色不能") || text.Contains("預覽已逾時、已匯入，或已被您較新的預覽取代") => Post.Refused,
                HttpStatusCode.BadRequest when text.Contains($"Cannot submit the form '{handler}' because no form on the page currently has that name.") => Post.Refused,
                _ => Post.Done,
            };
            var problems = new List<string>();
            if (got != expected || (int)response.StatusCode >= 500)
                problems.Add($"{key} as {Who[who]}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location} {Excerpt(text)}");
            return problems;
        }
    }

    static MultipartFormDataContent ImportForm(List<KeyValuePair<string, string>> fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(File.ReadAllBytes(SeedData.PathOf("city-107q1-D.json")));
        form.Add(file, "Files", "city-107q1-D.json");
        return form;
    }

    static Expect Outcome(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Expect.Shown,
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("account/login") == true => Expect.SignIn,
        HttpStatusCode.Forbidden => Expect.Refused,
        HttpStatusCode.NotFound => Expect.NotFound,
        _ => (Expect)(-1),
    };

    static string Excerpt(string html)
    {
        var alert = Regex.Match(html, "role=\"alert\"[^>]*>([^<]*)<");
        return alert.Success ? alert.Groups[1].Value : html.Length > 200 ? html[..200] : html;
    }
}
