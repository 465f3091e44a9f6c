using System.Net;
using System.Text.Json.Nodes;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 33 §2: every KPI's direction and aggregation, set, inferred or unknown, on one page of the map, confirmed or changed
/// in one save; the dashboard counts the unknown and links planners there.
/// </summary>
[Collection(ServersCollection.Name)]
public class KindsScenarios(Servers servers)
{
    const string Kinds = "/maps/臺北市政府/107/kinds";
    const string CityQ1 = "/api/dashboard?year=107&period=Q1&organisation=臺北市政府";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_planner_confirms_the_inferred_kinds_and_sets_an_unknown_direction_in_one_save(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var anonymous = server.CreateClient();
        var before = await Json(await anonymous.GetAsync(CityQ1));
        var unknown = Assert.Single(before["unknownKinds"]!.AsArray(), u => u!["organisation"]!.GetValue<string>() == "臺北市政府")!;
        Assert.Equal("maps/臺北市政府/107/kinds", Uri.UnescapeDataString(unknown["link"]!.GetValue<string>()).TrimStart('/'));
        var unknownBefore = unknown["count"]!.GetValue<int>();
        Assert.Contains("方向或累計方式未知的 KPI", await anonymous.GetStringAsync("/dashboard?year=107&period=Q1&organisation=臺北市政府"));

        using var browser = await PageBrowser.OpenAsync(server, "rdec@example.org");
        var page = await browser.Client.GetStringAsync(Kinds);
        // PM2.5: inferred both ways, said how; 國賠拒賠率: its direction unknown.
        var pm25 = Row(page, "AC1.2");
        Assert.Contains("沿用推定：負向指標（越低越好）", pm25);
        Assert.Contains("推定：負向，依名稱「濃度」推定", pm25);
        Assert.Contains("推定：平均（全年為各期平均），依單位「µg/m³」推定", pm25);
        Assert.Contains("未知：年度結束前不判定，也不預估達標與否", Row(page, "HP3.3"));

        await browser.ReadTokenAsync(Kinds);
        var saved = await (await browser.Client.PostAsync(Kinds, new FormUrlEncodedContent([
            new("_handler", "kinds"), new("__RequestVerificationToken", browser.Token), new("Kinds.ConfirmInferred", "true"),
            new("Kinds.Rows[0].Code", "AC1.2"), new("Kinds.Rows[0].Direction", ""), new("Kinds.Rows[0].Aggregation", ""),
            new("Kinds.Rows[1].Code", "HP3.3"), new("Kinds.Rows[1].Direction", "lower"), new("Kinds.Rows[1].Aggregation", ""),
        ]))).Content.ReadAsStringAsync();
        Assert.Contains("已儲存：2 項 KPI 或分項的方向或累計方式有變更。", saved);
        Assert.Contains("已設定", Row(saved, "AC1.2"));

        // Confirmed, PM2.5's verdict no longer rests on an inference, and says none; HP3.3 (86.11% refused against 76, now
        // lower is better, its "%" a point in time confirmed) is judged; one unknown fewer.
        var after = await Json(await anonymous.GetAsync(CityQ1));
        var offTrack = after["offTrack"]!.AsArray();
        var ac12 = offTrack.Single(k => k!["code"]!.GetValue<string>() == "AC1.2")!;
        Assert.Equal(88.5m, ac12["achievement"]!.GetValue<decimal>());
        Assert.DoesNotContain("推定", ac12["reason"]!.GetValue<string>());
        var hp33 = offTrack.Single(k => k!["code"]!.GetValue<string>() == "HP3.3")!;
        Assert.Equal(88.3m, hp33["achievement"]!.GetValue<decimal>());
        Assert.Equal(unknownBefore - 1, after["unknownKinds"]!.AsArray().Single(u => u!["organisation"]!.GetValue<string>() == "臺北市政府")!["count"]!.GetValue<int>());
        // Kept, and audited as any edit.
        using var planner = await server.SignInAsync("rdec@example.org");
        var kpi = await Json(await planner.GetAsync("/api/maps/臺北市政府/107/kpis/HP3.3"));
        Assert.Equal("lower", kpi["direction"]!.GetValue<string>());
        Assert.Contains("負向指標", await planner.GetStringAsync("/api/maps/臺北市政府/107/kpis/HP3.3/history"));
    }

    [Theory]
    [InlineData("sqlite")]
    public async Task A_word_that_is_no_direction_is_refused_naming_the_row_and_nothing_changes(string provider)
    {
        var server = await servers.FreshAsync(provider, demoData: true);
        using var browser = await PageBrowser.OpenAsync(server, "rdec@example.org");
        await browser.ReadTokenAsync(Kinds);
        var before = await server.TableChecksumsAsync();
        var refused = await (await browser.Client.PostAsync(Kinds, new FormUrlEncodedContent([
            new("_handler", "kinds"), new("__RequestVerificationToken", browser.Token),
            new("Kinds.Rows[0].Code", "HP3.3"), new("Kinds.Rows[0].Direction", "lower"),
            new("Kinds.Rows[1].Code", "AC1.2"), new("Kinds.Rows[1].Direction", "down"),
        ]))).Content.ReadAsStringAsync();
        Assert.Contains("方向「down」不是 higher、lower、target 或 unknown。", refused);
        Assert.Equal(before, await server.TableChecksumsAsync());
        // A reader of another organisation may not open the list.
        using var epb = await PageBrowser.OpenAsync(server, "epb@example.org");
        var response = await epb.Client.GetAsync(Kinds);
        Assert.DoesNotContain("儲存方向與累計方式", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The table row of a KPI (its code as the row's label).</summary>
    static string Row(string html, string code)
    {
        var start = html.IndexOf($"<tr data-kpi=\"{code}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {code}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
