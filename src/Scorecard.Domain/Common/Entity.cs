namespace Scorecard.Domain.Common;

/// <summary>
/// Every stored thing has a key and a version. The version is the concurrency token:
/// the storage layer bumps it on every change, so two people editing the same row
/// cannot silently overwrite each other.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// Keys a document carried that the product does not model yet, kept verbatim as JSON
/// so that an import followed by an export loses no fact.
/// </summary>
public interface IKeepsExtraFacts
{
    string? ExtraJson { get; set; }
}
