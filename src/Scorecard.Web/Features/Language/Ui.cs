using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Scorecard.Domain.Common;
using Scorecard.Domain.Scoring;

namespace Scorecard.Web.Features.Language;

/// <summary>
/// The pages' words. Each is written in Traditional Chinese where it is used (T["登入"]), which is also its
/// key; Ui.en.resx gives the English. A word missing there shows in Chinese, and a test lists every
/// word the pages use that has no English yet. The data (names of KPIs, organisations) stays as entered.
/// </summary>
public sealed class Ui
{
    public const string Chinese = "zh-TW";
    public const string English = "en";

    /// <summary>?lang=en or ?lang=zh-TW, remembered in a cookie; else the browser's Accept-Language; else Chinese.</summary>
    public const string QueryKey = "lang";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The page's language for &lt;html lang&gt; and screen readers.</summary>
    public static string HtmlLang => IsEnglish ? "en" : "zh-Hant-TW";

    /// <summary>A year as its reader counts: 「107 年」 in Chinese, 2018 in English.</summary>
    public static string Year(int rocYear) => IsEnglish ? RocYear.ToGregorian(rocYear).ToString(CultureInfo.InvariantCulture) : $"{rocYear} 年";

    /// <summary>A year's number alone, for a range whose end carries the word: 「107–109 年」, 2018–2020.</summary>
    public static string YearNumber(int rocYear) => (IsEnglish ? RocYear.ToGregorian(rocYear) : rocYear).ToString(CultureInfo.InvariantCulture);

    /// <summary>A date as its reader writes it: 「107/07/15」 in Chinese, 2018-07-15 in English.</summary>
    public static string Date(DateOnly d) => IsEnglish
        ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : $"{RocYear.FromGregorian(d.Year)}/{d.Month:00}/{d.Day:00}";

    /// <summary>A moment (stored in UTC) at the city's time, as its reader writes it: 「115/12/07 10:11」 in Chinese, 2026-12-07 10:11 in English.</summary>
    public static string Time(DateTime utc) => Time(new CityTime(utc));

    public static string Time(CityTime time) => IsEnglish ? time.Gregorian : time.Roc;

    /// <summary>
    /// The language a piece of data is written in, for its element's lang attribute (screen readers, and the test that
    /// finds Chinese left in an English page): English where Latin letters outnumber Chinese characters (the demo
    /// files' import notes, 「Not marked 負向指標 in the text…」), else Chinese, the city's own language.
    /// </summary>
    public static string LangOf(string? text)
    {
        int latin = 0, han = 0;
        foreach (var c in text ?? "")
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z') latin++;
            else if (c is >= '\u3400' and <= '\u9fff') han++;
        return latin > han ? "en" : "zh-Hant-TW";
    }

    /// <summary>
    /// A role's name. Not through the words table: 「填報」 is both the reporter's role and the entry page,
    /// which English names differently.
    /// </summary>
    public static string RoleLabel(Scorecard.Domain.Accounts.WorkRole role) => !IsEnglish ? Scorecard.Domain.Accounts.Roles.Label(role) : role switch
    {
        Scorecard.Domain.Accounts.WorkRole.Administrator => "administrator",
        Scorecard.Domain.Accounts.WorkRole.Planner => "planner",
        Scorecard.Domain.Accounts.WorkRole.Reporter => "reporter",
        _ => "viewer",
    };

    public static void AddLanguages(IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Numbers and dates keep one format; only the words change.
            o.DefaultRequestCulture = new RequestCulture(Chinese, Chinese);
            o.SupportedCultures = [new CultureInfo(Chinese)];
            o.SupportedUICultures = [new CultureInfo(Chinese), new CultureInfo(English)];
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>Chooses the language of each request, and remembers one chosen with ?lang= for the pages after.</summary>
    public static void UseLanguages(WebApplication app)
    {
        app.UseRequestLocalization();
        app.Use(async (http, next) =>
        {
            if (http.Request.Query.ContainsKey(QueryKey))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Chinese, CultureInfo.CurrentUICulture.Name)),
                    new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps, IsEssential = true });
            await next();
        });
    }
}

/// <summary>Phrases the pages build from the domain's words, through the same words table.</summary>
public static class Words
{
    /// <summary>
    /// A message written in Chinese with holes ($"找不到機關「{name}」。"), in the reader's language. Its
    /// format is its key in the words table. A hole that is itself words (a period, a state, a nested
    /// message, a list of words) is translated too; codes, names and numbers stay as they are.
    /// Without an English format the message stays Chinese, as a missing page word does.
    /// </summary>
    [return: NotNullIfNotNull(nameof(message))]
    public static string? Say(this IStringLocalizer t, FormattableString? message)
    {
        if (message is null || !Ui.IsEnglish)
            return Said.Chinese(message);
        var format = t[message.Format];
        var holes = message.GetArguments().Select(a => Hole(t, a)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, format.ResourceNotFound ? message.Format : format.Value, holes);
    }

    static object? Hole(IStringLocalizer t, object? hole) => hole switch
    {
        FormattableString nested => t.Say(nested),
        WordList list => string.Join(list.Joiner switch { "、" => ", ", "；" => "; ", "及" => " and ", var j => j }, list.Items.Select(i => Hole(t, i))),
        string word => Word(t, word),
        YearWord year => Ui.YearNumber(year.RocYear),
        CityTime time => Ui.Time(time),
        _ => hole,
    };

    /// <summary>A word with its English where the table has one (第 1 季, 已核定); a name or code as it is.</summary>
    public static string Word(this IStringLocalizer t, string word)
    {
        var found = t[word];
        return found.ResourceNotFound ? word : found.Value;
    }

    /// <summary>A year and a period as the reader says them: 「107 年第 1 季」, 「2018 Q1」; the label is the domain's (第 1 季, 全年度).</summary>
    public static string YearAndPeriod(this IStringLocalizer<Ui> t, int rocYear, string periodLabel) =>
        t["{0}{1}", Ui.Year(rocYear), t[periodLabel]];

    /// <summary>A chart's words for the page's reader; in Chinese the KPI page's (目標值, 實際值).</summary>
    public static Scorecard.Interchange.Drawing.ChartWords Chart(this IStringLocalizer<Ui> t) => !Ui.IsEnglish
        ? Scorecard.Interchange.Drawing.ChartWords.Chinese
        : new(t["年度"], t["目標值"], t["實際值"], t["無資料"], Ui.Year, ": ", ", ", "; ", Ui.YearNumber);

    /// <summary>A document's own words (titles, headings, column heads) for the page's reader; in Chinese the seeds' own.</summary>
    public static Scorecard.Interchange.Reports.ReportWords Report(this IStringLocalizer<Ui> t) => !Ui.IsEnglish
        ? Scorecard.Interchange.Reports.ReportWords.Chinese
        : new(f => t.Say(f), t.Chart() with { Actual = t["達成值"] }, InChinese: false);

    /// <summary>A roll-up's counts in words; in Chinese exactly <see cref="RollUp.Text"/>.</summary>
    public static string RollUpText(this IStringLocalizer<Ui> t, RollUp r) =>
        t["達標 {0}、未達標 {1}、進行中 {2}、尚無資料 {3}、不適用 {4}", r.Achieved, r.NotAchieved, r.InProgress, r.NoData, r.NotApplicable] +
        (r.MeanAchievement is { } m ? t["；平均達成度 {0}%", m.ToString("0.#", CultureInfo.InvariantCulture)] : "");
}
