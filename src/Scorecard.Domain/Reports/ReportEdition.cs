using Scorecard.Domain.Common;
using Scorecard.Domain.Values;

namespace Scorecard.Domain.Reports;

/// <summary>
/// One edition of a report an organisation hands in (the Secretariat's 106 H2 report to the council): the sections people
/// write for it, in the document's order, with the place of the part made from data among them. The next edition starts as
/// a copy of the last one's sections, which the planners then rewrite.
/// </summary>
public class ReportEdition : Entity
{
    public Guid OrganisationId { get; set; }

    /// <summary>The report's kind as the reports' route names it: 「council」.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Gregorian.</summary>
    public int Year { get; set; }

    public Period Period { get; set; }

    public List<ReportSection> Sections { get; set; } = [];

    /// <summary>Which of two editions comes later: by year, then by where the period ends in it.</summary>
    public static int Order(int year, Period period) => year * 10 + period switch
    {
        Period.Q1 => 1, Period.Q2 or Period.H1 => 2, Period.Q3 => 3, Period.Q4 or Period.H2 => 4, _ => 5,
    };
}

/// <summary>A section of an edition: its heading and its text as typed (paragraphs, numbered lists, simple tables), or the place of the data-made part.</summary>
public class ReportSection : Entity
{
    public Guid EditionId { get; set; }
    public int Ordinal { get; set; }

    /// <summary>「壹、106 年下半年重要業務執行成果」; empty for a section printed without a heading (the opening address).</summary>
    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The place of the part made from the period's figures (the council report's 貳): its body is not printed.</summary>
    public bool MadeFromData { get; set; }

    /// <summary>The longest text a section holds: the seed's 壹, the longest, is some 14,000 characters.</summary>
    public const int MaxBody = 60_000;
    public const int MaxTitle = 200;
}
