using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Scorecard.Web.Tests;

/// <summary>滾動修正: a planner rolls a map forward, edits the draft, gives a reason per derived change and publishes it.</summary>
[Collection(ServersCollection.Name)]
public class RevisionScenarios(Servers servers)
{
    const string City = "/api/maps/臺北市政府";

    static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_planner_revises_the_city_map_for_110_and_publishes_it_once_every_change_has_a_reason(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var rdec = await server.SignInAsync("rdec@example.org");
        using var anonymous = server.CreateClient();

        var created = await rdec.PostAsync(City + "/109/roll-forward", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rdec.PostAsync(City + "/109/roll-forward", null)).StatusCode);   // once

        // The draft is its planners' alone.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(City + "/110/revision")).StatusCode);
        Assert.DoesNotContain("110", (await anonymous.GetStringAsync("/api/organisations")).Split("planYears")[1].Split(']')[0]);
        var fresh = await Json(await rdec.GetAsync(City + "/110/revision"));
        Assert.True(fresh["draft"]!.GetValue<bool>());
        Assert.Equal(109, fresh["previousPlanYear"]!.GetValue<int>());
        Assert.Empty(fresh["changes"]!.AsArray());                                        // the same map, targets carried
        var total = fresh["counts"]!["rows"]!.AsArray().Single(r => r!["perspective"]!.GetValue<string>() == "total")!;
        Assert.Equal("20", total["kpis"]!["printed"]!.GetValue<string>());

        // Edit the draft: rename DC1.1, delete DP5.2, change DC1.1's 110 target.
        var dc11 = await Json(await rdec.GetAsync(City + "/110/kpis/DC1.1"));
        dc11["name"] = "本市失業率";
        Assert.True((await rdec.PutAsJsonAsync(City + "/110/kpis/DC1.1", dc11)).IsSuccessStatusCode);
        Assert.True((await rdec.DeleteAsync(City + "/110/kpis/DP5.2")).IsSuccessStatusCode);
        Assert.True((await rdec.PutAsJsonAsync(City + "/110/kpis/DC1.1/targets/110/Y", new { value = 3.7 })).IsSuccessStatusCode);

        // Move DP3.1 to 產業局's 110 map (seed 003 moves DP3.3 so): its history goes with it.
        var bureau = System.Text.Encoding.UTF8.GetBytes("""
            { "organization": { "name": "臺北市政府產業發展局", "level": "bureau", "parent": "臺北市政府" }, "planYear": 110,
              "themes": [ { "code": "B", "name": "產業發展" } ],
              "objectives": [ { "code": "BP1", "theme": "B", "perspective": "P", "name": "扶植生技產業" } ] }
            """);
        await Json(await rdec.PostAsync("/api/imports", Uploads.Of("產業局-110.json", bureau)));
        var refusedMove = await rdec.PostAsJsonAsync(City + "/110/kpis/DP3.1/move", new { organisation = "產業局", objective = "ZZ9" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedMove.StatusCode);
        Assert.Contains("ZZ9", await refusedMove.Content.ReadAsStringAsync());
        await Json(await rdec.PostAsJsonAsync(City + "/110/kpis/DP3.1/move", new { organisation = "產業局", objective = "BP1" }));

        var revision = await Json(await rdec.GetAsync(City + "/110/revision"));
        var changes = revision["changes"]!.AsArray().Select(c => (c!["change"]!.GetValue<string>(), c["code"]!.GetValue<string>())).ToList();
        Assert.Equal([("renameKpi", "DC1.1"), ("editTarget", "DC1.1 110"), ("moveKpiToOrganisation", "DP3.1"), ("deleteKpi", "DP5.2")], changes);
        Assert.Equal("臺北市政府產業發展局", revision["changes"]!.AsArray().Single(c => c!["change"]!.GetValue<string>() == "moveKpiToOrganisation")!["after"]!.GetValue<string>());
        var target = revision["changes"]!.AsArray().Single(c => c!["change"]!.GetValue<string>() == "editTarget")!;
        Assert.Equal(("3.8", "3.7"), (target["before"]!.GetValue<string>(), target["after"]!.GetValue<string>()));
        var p = revision["counts"]!["rows"]!.AsArray().Single(r => r!["perspective"]!.GetValue<string>() == "P")!;
        Assert.Equal((13, 11, "11(-2)"), (p["kpis"]!["before"]!.GetValue<int>(), p["kpis"]!["after"]!.GetValue<int>(), p["kpis"]!["printed"]!.GetValue<string>()));

        // Not published while a change has no reason; the message names what is missing.
        await Json(await rdec.PutAsJsonAsync(City + "/110/revision/reasons", new { change = "renameKpi", code = "DC1.1", reason = "名稱明確化" }));
        var refused = await rdec.PostAsync(City + "/110/revision/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var message = await refused.Content.ReadAsStringAsync();
        Assert.Contains("尚有 3 項修正未填原因", message);
        Assert.Contains("刪除 KPI DP5.2", message);
        Assert.Equal(HttpStatusCode.NotFound, (await rdec.PutAsJsonAsync(City + "/110/revision/reasons", new { change = "deleteKpi", code = "XX9.9", reason = "?" })).StatusCode);

        await Json(await rdec.PutAsJsonAsync(City + "/110/revision/reasons", new { change = "editTarget", code = "DC1.1 110", reason = "依最新經濟預測調整" }));
        await Json(await rdec.PutAsJsonAsync(City + "/110/revision/reasons", new { change = "deleteKpi", code = "DP5.2", reason = "併入 DP5.1 評估" }));
        await Json(await rdec.PutAsJsonAsync(City + "/110/revision/reasons", new { change = "moveKpiToOrganisation", code = "DP3.1", reason = "資料由產業局掌握，移列局處地圖" }));
        var published = await Json(await rdec.PostAsync(City + "/110/revision/publish", null));
        Assert.False(published["draft"]!.GetValue<bool>());
        Assert.Equal("依最新經濟預測調整", published["changes"]!.AsArray().Single(c => c!["change"]!.GetValue<string>() == "editTarget")!["reason"]!.GetValue<string>());

        // Published: readers see it, and the renamed KPI keeps its history.
        var page = await anonymous.GetStringAsync("/maps/臺北市政府/110/kpis/DC1.1");
        Assert.Contains("本市失業率", page);
        Assert.Contains("108 年 臺北市政府 DC1.1 失業率", page);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(City + "/110/revision")).StatusCode);
        var moved = await anonymous.GetStringAsync("/maps/臺北市政府產業發展局/110/kpis/DP3.1");
        Assert.Contains("109 年 臺北市政府 DP3.1", moved);   // the moved KPI's history is intact on its new map
    }

    [Fact]
    public async Task The_Secretariats_three_year_plan_is_followed_by_a_108_draft_with_its_targets_left_to_fill()
    {
        var server = await servers.FreshAsync("sqlite", demoData: true);
        using var planner = await server.SignInAsync("secretariat@example.org");
        const string Secretariat = "/api/maps/臺北市政府秘書處";
        var created = await planner.PostAsJsonAsync(Secretariat + "/105/roll-forward", new { planYear = 108 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await planner.PostAsJsonAsync(Secretariat + "/105/roll-forward", new { planYear = 109 })).StatusCode);   // from the latest version only
        var bad = await planner.PostAsJsonAsync(Secretariat + "/105/roll-forward", new { planYear = 104 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("planYear", await bad.Content.ReadAsStringAsync());

        var revision = await Json(await planner.GetAsync(Secretariat + "/108/revision"));
        Assert.Equal((105, 0), (revision["previousPlanYear"]!.GetValue<int>(), revision["changes"]!.AsArray().Count));
        var page = await planner.GetStringAsync("/maps/臺北市政府秘書處/108/revision");
        Assert.Contains("<td>AC1.1 ", page);
        Assert.Contains("（待填）", page);   // the 105–107 plan had no targets for 108 on
        using var anonymous = server.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/maps/臺北市政府秘書處/108")).StatusCode);
        Assert.Contains("106 年沒有另訂策略地圖", await anonymous.GetStringAsync("/maps/臺北市政府秘書處/106"));   // 105 stays in force for 106 and 107
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_109_revision_of_theme_D_lists_seed_003s_changes_only_and_says_where_the_108_version_is_incomplete(string provider)
    {
        var server = await servers.DemoAsync(provider);
        using var client = server.CreateClient();
        var revision = await Json(await client.GetAsync(City + "/109/revision"));

        // Seed 003's three changes, each with its reason, and no other: the 108 version came from the results
        // document (no action plans, no units, 18 of 21 KPIs), so nothing it never held is a change.
        var changes = revision["changes"]!.AsArray();
        Assert.Equal(["editActionPlan DC1.3.1 document", "deleteKpi DP3.3 comparison", "deleteKpi DF2.1 document"],
            changes.Select(c => $"{c!["change"]} {c["code"]} {c["source"]}"));
        Assert.StartsWith("原「DC1.3.1青年就業力覺醒行動4年計畫」", changes[0]!["reason"]!.GetValue<string>());
        Assert.Contains("無法每年取得數據", changes[1]!["reason"]!.GetValue<string>());
        Assert.Contains("非局處共同合作產出之KPI", changes[2]!["reason"]!.GetValue<string>());
        Assert.Equal(0, revision["missingReasons"]!.GetValue<int>());
        // What goes with a deletion is shown under it: DP3.4 renumbered to close DP3.3's gap; DF2 left empty by DF2.1.
        Assert.Equal("renumberKpi DP3.3 DP3.4", string.Join(";", changes[1]!["goesWith"]!.AsArray().Select(w => $"{w!["change"]} {w["code"]} {w["before"]}")));
        Assert.Equal("deleteObjective DF2", string.Join(";", changes[2]!["goesWith"]!.AsArray().Select(w => $"{w!["change"]} {w["code"]}")));

        var incomplete = revision["incomplete"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("108 年版本未含行動方案資料，不比較。", incomplete);
        Assert.Contains("108 年版本僅含KPI 18 項（文件所載 21 項），新增無從比較。", incomplete);
        Assert.Contains("DP3.4、DL1.1、DF1.1 僅見於其中一版，無從判斷是否增刪，不列為修正。", incomplete);

        // Counts: where 108 is incomplete the 修訂前 is the document's (21 KPIs, 27 plans), never 18 or 0.
        var rows = revision["counts"]!["rows"]!.AsArray().ToDictionary(r => r!["perspective"]!.GetValue<string>());
        string Cell(string p, string what) { var c = rows[p]![what]!; return $"{c["before"]}→{c["after"]} {c["printed"]} {c["beforeSource"]}"; }
        Assert.Equal("21→20 20(-1) document", Cell("total", "kpis"));
        Assert.Equal("27→25 25(-2) document", Cell("total", "actionPlans"));
        Assert.Equal("11→10 10(-1) map", Cell("total", "objectives"));
        Assert.Equal("8→7 7(-1) document", Cell("C", "actionPlans"));
        string After(string p) => string.Join("/", new[] { "objectives", "kpis", "actionPlans" }.Select(w => rows[p]![w]!["after"]!.GetValue<int>()));
        Assert.Equal(["3/5/7", "5/13/16", "1/1/1", "1/1/1"], new[] { "C", "P", "L", "F" }.Select(After));
        var printed = revision["counts"]!["printedByDocument"]!.AsArray();
        var flagged = printed.Where(p => p!["disagrees"]!.GetValue<bool>()).Select(p => $"{p!["perspective"]}:{p["what"]}:{p["printed"]}").ToList();
        Assert.Equal(["F:objectives:2(-1)"], flagged);   // seed 003 prints 2(-1) where its own map has one

        // The page says the same.
        var page = await client.GetStringAsync("/maps/臺北市政府/109/revision");
        Assert.Contains("108 年版本未含行動方案資料，不比較。", page);
        Assert.Equal(["DC1.3.1", "DP3.3", "DF2.1"], System.Text.RegularExpressions.Regex.Matches(page, "<tr data-change=\"[^\"]+\" data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("新增行動方案", page);
        Assert.DoesNotContain("修改 KPI 單位", page);
        Assert.Contains("文件所載（前一版無此資料）", page);
        Assert.Contains("一併：刪除策略目標 DF2（提高預算執行效能）", page);

        // And the results report of 108, which ends with it (HTML and Word).
        var report = await client.GetStringAsync("/api/maps/臺北市政府/108/reports/results?format=html");
        var section = report[report.IndexOf("109 年度修正內容", StringComparison.Ordinal)..];
        Assert.Contains("108 年版本未含行動方案資料，不比較。", section);
        Assert.Equal(["DC1.3.1", "DP3.3", "DF2.1"], System.Text.RegularExpressions.Regex.Matches(section, "<tr data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("新增行動方案", section);
    }

    [Fact]
    public async Task The_108_revision_compares_theme_D_only_and_counts_no_action_plans_for_108()
    {
        using var client = (await servers.DemoAsync("sqlite")).CreateClient();
        var revision = await Json(await client.GetAsync(City + "/108/revision"));
        var incomplete = revision["incomplete"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("108 年版本未含主題 A、B、C、E、F、G、H：這些主題不比較。", incomplete);
        Assert.Contains("108 年版本未含行動方案資料，不比較。", incomplete);
        Assert.DoesNotContain(revision["changes"]!.AsArray(), c => c!["change"]!.GetValue<string>().EndsWith("ActionPlan", StringComparison.Ordinal) || !c["code"]!.GetValue<string>().StartsWith('D'));
        var total = revision["counts"]!["rows"]!.AsArray().Single(r => r!["perspective"]!.GetValue<string>() == "total")!["actionPlans"]!;
        Assert.Null(total["after"]);   // unknown, not 0 and not 「0(-31)」
        Assert.Contains("不明", await client.GetStringAsync("/maps/臺北市政府/108/revision"));
    }
}
