using System.Globalization;
using Scorecard.Interchange.Json;

namespace Scorecard.Interchange.Synthetic;

/// <summary>
/// A made-up city at the scale of a real one, for benchmarks: a city government and its agencies
/// and districts, each with a strategy map a year, every map with four themes, an objective per
/// theme and perspective, and its KPIs — quarterly actuals and a yearly target, some values only a
/// status (未統計), some KPIs composite (weighted parts), action plans with budgets, and links. The
/// same seed gives the same city, value for value.
/// </summary>
public static class SyntheticCity
{
    public const string CityName = "合成市政府";

    static readonly string[] Perspectives = ["C", "P", "L", "F"];
    static readonly string[] Themes = ["A", "B", "C", "D"];
    static readonly string[] Statuses = ["未統計", "本數值屬年度統計值，無單季數據"];

    /// <summary>An organisation's name: the city itself, then agencies, every fifth a district.</summary>
    static string OrganisationName(int index) =>
        index == 0 ? CityName : index % 5 == 0 ? $"合成市第{index:00}區公所" : $"合成市第{index:00}局";

    /// <param name="organisation">0 is the city; the others are its agencies and districts.</param>
    /// <param name="rocYear">The plan year of the map.</param>
    /// <param name="kpis">KPIs in the map (top-level; a composite one counts once).</param>
    public static MapFile Map(int organisation, int rocYear, int kpis, int seed)
    {
        // Not HashCode.Combine: it is salted per process, so the "same" city differed from run to run.
        var random = new Random(unchecked((seed * 7919 + organisation) * 7919 + rocYear));
        var name = OrganisationName(organisation);
        var file = new MapFile
        {
            Source = $"synthetic-{seed}",
            Title = $"{name} {rocYear} 年策略地圖（合成資料）",
            Organization = new OrganizationDto
            {
                Name = name,
                Level = organisation == 0 ? "city" : organisation % 5 == 0 ? "district" : "bureau",
                Parent = organisation == 0 ? null : CityName,
            },
            PlanYear = rocYear,
            Mission = ["為市民服務"],
            Vision = $"{name}願景",
            CoreValues = ["正直", "創新"],
            Themes = [.. Themes.Select(t => new ThemeDto { Code = t, Name = $"主題{t}", LeadUnit = name })],
            Objectives = [.. Themes.SelectMany(t => Perspectives.Select(p => new ObjectiveDto
            {
                Code = $"{t}{p}1", Theme = t, Perspective = p, Name = $"策略目標{t}{p}1",
            }))],
            Kpis = [],
            ActionPlans = [],
            Links = [.. Themes.SelectMany(t => new[] { ("L", "P"), ("P", "C"), ("F", "P") }.Select(l => new LinkDto { From = $"{t}{l.Item1}1", To = $"{t}{l.Item2}1" }))],
        };
        var objectives = file.Objectives!;
        for (var k = 0; k < kpis; k++)
        {
            var objective = objectives[k % objectives.Count].Code!;
            var code = $"{objective}.{k / objectives.Count + 1}";
            var kpi = Kpi(random, code, objective, name, rocYear);
            if (k % 12 == 11)
            {
                // A composite KPI: its figures come from weighted parts.
                kpi.Values = null;
                kpi.SubValues = [.. Enumerable.Range(1, 3).Select(p =>
                {
                    var part = Kpi(random, code, null, name, rocYear);   // parts keep their KPI's code, as the seeds print them
                    part.Weight = p == 1 ? 50 : 25;
                    return part;
                })];
            }
            file.Kpis!.Add(kpi);
            for (var a = 1; a <= 1 + random.Next(2); a++)
                file.ActionPlans!.Add(new ActionPlanDto
                {
                    Code = $"{code}.{a}", Kpi = code, Name = $"行動方案{code}.{a}", Owners = [name],
                    Budgets = [new BudgetDto { Year = rocYear, Amount = random.Next(0, 5_000) * 1_000 }],
                });
        }
        return file;
    }

    static KpiDto Kpi(Random random, string code, string? objective, string owner, int rocYear)
    {
        var lower = random.Next(5) == 0;
        var aggregation = random.Next(3) switch { 0 => "cumulative", 1 => "pointInTime", _ => "average" };
        var target = Math.Round((decimal)(50 + random.NextDouble() * 950), 1);
        var values = new List<ValueDto>
        {
            new() { Year = rocYear, Period = "Y", Kind = "target", Value = target, Raw = Raw(target) },
        };
        var level = target * (decimal)(0.6 + random.NextDouble() * 0.6);
        foreach (var quarter in new[] { "Q1", "Q2", "Q3", "Q4" })
        {
            if (random.Next(25) == 0)
            {
                values.Add(new ValueDto { Year = rocYear, Period = quarter, Kind = "actual", Status = Statuses[random.Next(Statuses.Length)] });
                continue;
            }
            var actual = Math.Round(aggregation == "cumulative" ? level / 4 : level * (decimal)(0.9 + random.NextDouble() * 0.2), 1);
            values.Add(new ValueDto { Year = rocYear, Period = quarter, Kind = "actual", Value = actual, Raw = Raw(actual) });
        }
        return new KpiDto
        {
            Code = code, Objective = objective, Name = $"指標{code}", Formula = $"{code} 之分子/分母*100%", Unit = random.Next(2) == 0 ? "%" : "件",
            Direction = lower ? "lower" : "higher", Owners = [owner], Frequency = "quarterly", Aggregation = aggregation, Values = values,
        };
    }

    static string Raw(decimal n) => n.ToString(CultureInfo.InvariantCulture);
}
