using Scorecard.Domain.Common;

namespace Scorecard.Domain.Revisions;

/// <summary>滾動修正: one change of the yearly revision, with its reason.</summary>
public class Revision : Entity, IKeepsExtraFacts
{
    public Guid MapId { get; set; }
    public int Ordinal { get; set; }
    public int Year { get; set; }
    public required string Change { get; set; }
    public string? Code { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
    public string? ExtraJson { get; set; }
}
