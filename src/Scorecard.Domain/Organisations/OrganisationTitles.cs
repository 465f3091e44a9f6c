using System.Text.RegularExpressions;

namespace Scorecard.Domain.Organisations;

/// <summary>An organisation a document's title names, with the parent its name says it sits under.</summary>
public sealed record TitledOrganisation(string Name, OrganisationLevel Level, string? Parent);

/// <summary>
/// Reads the organisation out of a BSC workbook's title, for an install that does not know it yet:
/// 「臺北市政府秘書處策略地圖」 is 臺北市政府秘書處, a bureau under 臺北市政府; 「臺北市北投區公所策略地圖與平衡計分卡」
/// is 臺北市北投區公所, a district office under 臺北市政府; 「臺北市府 秘書處 平衡計分卡」 is 臺北市政府秘書處.
/// A title whose name says no city (「秘書處策略地圖」) names no parent it can be put under, and is not read.
/// </summary>
public static partial class OrganisationTitles
{
    public static TitledOrganisation? Read(string title, IReadOnlyCollection<Organisation> known)
    {
        var name = Suffix().Replace(Regex.Replace(title, @"\s+", ""), "");
        name = CityShort().Replace(name, "$1政府");         // 臺北市府 → 臺北市政府
        if (name.Length < 3)
            return null;
        // The longest known organisation the name starts with is its parent (臺北市政府民政局 → a unit under it).
        var parent = known.Where(o => name.StartsWith(o.Name, StringComparison.Ordinal) && name.Length > o.Name.Length)
            .OrderByDescending(o => o.Name.Length).FirstOrDefault();
        if (parent is not null)
            return new(name, LevelUnder(parent.Level, name), parent.Name);
        if (CityGovernment().Match(name) is { Success: true } city)
        {
            var cityName = city.Groups["city"].Value;
            return name == cityName ? new(name, OrganisationLevel.City, null) : new(name, LevelUnder(OrganisationLevel.City, name), cityName);
        }
        // A district office names its city without 政府: 臺北市北投區公所 is under 臺北市政府.
        if (DistrictOffice().Match(name) is { Success: true } district)
            return new(name, OrganisationLevel.District, district.Groups["city"].Value + "政府");
        return null;
    }

    static OrganisationLevel LevelUnder(OrganisationLevel parent, string name) => parent switch
    {
        OrganisationLevel.City => name.EndsWith("區公所", StringComparison.Ordinal) ? OrganisationLevel.District : OrganisationLevel.Bureau,
        _ => OrganisationLevel.Unit,
    };

    // What follows the name in the forms' titles: 「…策略地圖」, 「…策略地圖與平衡計分卡」, 「…110年度平衡計分卡」.
    [GeneratedRegex(@"(\d+年度?)?(策略地圖)?(與|及)?(平衡計分卡)?(\d+年度?)?$")]
    private static partial Regex Suffix();

    [GeneratedRegex(@"^(\p{IsCJKUnifiedIdeographs}{1,3}[市縣])府(?!.*政府)")]
    private static partial Regex CityShort();

    [GeneratedRegex(@"^(?<city>\p{IsCJKUnifiedIdeographs}{1,3}[市縣]政府)")]
    private static partial Regex CityGovernment();

    [GeneratedRegex(@"^(?<city>\p{IsCJKUnifiedIdeographs}{1,3}[市縣])\p{IsCJKUnifiedIdeographs}{1,3}區公所$")]
    private static partial Regex DistrictOffice();
}
