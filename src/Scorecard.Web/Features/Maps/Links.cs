namespace Scorecard.Web.Features.Maps;

/// <summary>Page addresses, relative to the base href. Organisations are named by their exact name.</summary>
public static class Links
{
    public static string Map(string organisation, int rocYear) => $"maps/{Uri.EscapeDataString(organisation)}/{rocYear}";
    public static string Objective(string organisation, int rocYear, string code) => $"{Map(organisation, rocYear)}/objectives/{Uri.EscapeDataString(code)}";
    public static string Diff(string organisation, int fromRocYear, int toRocYear) => $"maps/{Uri.EscapeDataString(organisation)}/diff?from={fromRocYear}&to={toRocYear}";
    public static string Revision(string organisation, int rocYear) => $"{Map(organisation, rocYear)}/revision";
    public static string Kpi(string organisation, int rocYear, string code) => $"{Map(organisation, rocYear)}/kpis/{Uri.EscapeDataString(code)}";
    public static string Entry(string organisation, int rocYear, int valueRocYear, Scorecard.Domain.Values.Period period) => $"{Map(organisation, rocYear)}/entry/{valueRocYear}/{period}";
    public static string Evaluations(string organisation, int rocYear) => $"{Map(organisation, rocYear)}/evaluations";
    /// <summary>The year-end evaluation of <paramref name="valueRocYear"/> on the map of <paramref name="rocYear"/> (the map in force for it).</summary>
    public static string SelfAssessment(string organisation, int rocYear, int valueRocYear) => $"{Map(organisation, rocYear)}/self-assessment/{valueRocYear}";
    public static string Review(string organisation, int rocYear, int valueRocYear, Scorecard.Domain.Values.Period period) => $"{Map(organisation, rocYear)}/review/{valueRocYear}/{period}";
}
