using System.Text.Json.Nodes;
using Scorecard.Interchange.Json;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>The calculation as the export shows it, after the figures went through a real SQLite file.</summary>
public class ComputedFiguresInExportTests
{
    static async Task<JsonNode> ExportAsync(string file, string organisation, int rocYear)
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf(file));
        await using var db = database.NewContext();
        return JsonNode.Parse(MapExporter.Serialize((await MapExporter.ExportAsync(db, organisation, rocYear))!))!;
    }

    static JsonNode Evaluation(JsonNode export, string kpi, string? part = null) =>
        export["evaluations"]!.AsArray().Single(e => e!["kpi"]?.GetValue<string>() == kpi && e["part"]?.GetValue<string>() == part)!;

    [Fact]
    public async Task Each_kpi_gains_one_result_per_actual_with_a_target_for_its_year()
    {
        var export = await ExportAsync("city-107q1-A.json", "臺北市政府", 107);
        var ac11 = export["kpis"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == "AC1.1")!;
        var result = Assert.Single(ac11["results"]!.AsArray())!;
        Assert.Equal(107, result["year"]!.GetValue<int>());
        Assert.Equal("Q1", result["period"]!.GetValue<string>());
        // 40.7 / 51 is progress on the year, a figure of its own: no achievement was made by the rule (issue 33 §1).
        Assert.Null(result["achievement"]);
        Assert.Equal(79.8m, result["yearProgress"]!.GetValue<decimal>());
        Assert.Null(result["achieved"]);                                     // its kind (cumulative or not) is not set: no verdict before the year ends
        Assert.Equal(25m, result["yearElapsed"]!.GetValue<decimal>());
        Assert.Contains("實際值÷目標值", result["rule"]!.GetValue<string>());

        var ac21 = export["kpis"]!.AsArray().Single(k => k!["code"]!.GetValue<string>() == "AC2.1")!;
        var none = Assert.Single(ac21["results"]!.AsArray())!;
        Assert.Null(none["achieved"]);
        // Its direction is inferred from its name (二氧化碳排放量, lower is better) and said; the figure is a status, not a number.
        Assert.Equal("實際值為「本數值屬年度統計值，無單季數據」，不是數字。", none["reason"]!.GetValue<string>());
        Assert.Contains("負向，依名稱「排放」推定", none["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task Evaluations_gain_the_computed_figure_rule_discrepancy_total_and_light()
    {
        var export = await ExportAsync("theme-d-108-results.json", "臺北市政府", 108);
        var dp32 = Evaluation(export, "DP3.2");
        Assert.Equal(119.1m, dp32["achievementReported"]!.GetValue<decimal>());
        Assert.Equal(119.2m, dp32["achievementComputed"]!.GetValue<decimal>());
        Assert.True(dp32["achievementDiscrepancy"]!.GetValue<bool>());
        Assert.Contains("四捨五入", dp32["achievementRule"]!.GetValue<string>());
        Assert.Equal("良", dp32["lightComputed"]!.GetValue<string>());    // from the printed total 88.88

        var dp22 = Evaluation(export, "DP2.2");                             // printed with two decimals
        Assert.False(dp22["achievementDiscrepancy"]!.GetValue<bool>());

        var dc11 = Evaluation(export, "DC1.1");
        Assert.False(dc11["achievementDiscrepancy"]!.GetValue<bool>());
        Assert.Equal(88.2m, dc11["totalComputed"]!.GetValue<decimal>());   // 0.25×100 + 0.25×84 + 0.30×84 + 0.20×85, as printed

        var dp33 = Evaluation(export, "DP3.3");
        Assert.Null(dp33["achievementComputed"]);
        Assert.Null(dp33["achievementDiscrepancy"]);
        Assert.Equal("不明", dp33["lightComputed"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_council_report_figures_all_agree_after_storage()
    {
        var export = await ExportAsync("secretariat-106-results.json", "臺北市政府秘書處", 106);
        var compared = export["evaluations"]!.AsArray().Where(e => e!["achievementDiscrepancy"] is not null).ToList();
        Assert.Equal(14, compared.Count);
        Assert.All(compared, e => Assert.False(e!["achievementDiscrepancy"]!.GetValue<bool>()));
        Assert.Equal(101.94m, Evaluation(export, "DF1.1")["achievementComputed"]!.GetValue<decimal>());
        Assert.Equal(108.1m, Evaluation(export, "FL1.1")["achievementComputed"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Computed_keys_in_a_reimported_export_are_not_stored_as_facts()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("theme-d-108-results.json"));
        string first;
        await using (var db = database.NewContext())
            first = MapExporter.Serialize((await MapExporter.ExportAsync(db, "臺北市政府", 108))!);

        await ImportFixtures.ImportTextAsync(database, "export.json", first);
        await using var again = database.NewContext();
        Assert.Equal(first, MapExporter.Serialize((await MapExporter.ExportAsync(again, "臺北市政府", 108))!));
    }
}
