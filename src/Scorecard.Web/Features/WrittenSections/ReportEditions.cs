using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Reports;
using Scorecard.Domain.Values;
using Scorecard.Interchange.Reports;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Features.Editing;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.WrittenSections;

/// <summary>A section as a form or the API sends it: its place (1 first), heading and text; the version it was based on, none for a new one.</summary>
public sealed record SectionInput(int? Position, string? Title, string? Body, long? Version);

/// <summary>An edition as the page and the API read it: whose, which report and period, its sections in order.</summary>
public sealed record EditionView(string Organisation, string Kind, int RocYear, Period Period, long Version, IReadOnlyList<SectionView> Sections);

public sealed record SectionView(Guid Id, int Position, string Title, string Body, bool MadeFromData, long Version);

/// <summary>
/// The sections people write for a report edition (organisation, kind, year, period): read by the report's renderers,
/// edited by the organisation's planners. Every write is all or nothing, audited (ScorecardDb), and names the version it
/// was based on: a stale one is refused, naming who changed the section, when and how. A new edition starts as a copy of
/// the latest one before it, or with only the data-made part where there is none.
/// </summary>
public sealed class ReportEditions(ScorecardDb db, CurrentUser user)
{
    /// <summary>The kinds of report with written sections: only the council report has them so far.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string> { "council" };

    /// <summary>The written sections of an edition, in order, for a renderer; null where none was started.</summary>
    public static async Task<IReadOnlyList<WrittenSection>?> SectionsAsync(ScorecardDb db, Guid organisationId, string kind, int year, Period period, CancellationToken ct = default)
    {
        var sections = await db.ReportSections.AsNoTracking()
            .Where(s => db.ReportEditions.Any(e => e.Id == s.EditionId && e.OrganisationId == organisationId && e.Kind == kind && e.Year == year && e.Period == period))
            .OrderBy(s => s.Ordinal)
            .Select(s => new WrittenSection(s.Title, s.Body, s.MadeFromData))
            .ToListAsync(ct);
        return sections.Count == 0 ? null : sections;
    }

    /// <summary>The edition for a planner of the organisation; null where none was started.</summary>
    public async Task<EditionView?> ReadAsync(string organisation, string kind, int rocYear, Period period, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(organisation, kind, ct);
        var edition = await FindAsync(org.Id, kind, rocYear, period, tracked: false, ct);
        return edition is null ? null : View(org.Name, edition);
    }

    /// <summary>Starts the edition: the sections of the latest edition before it, copied; else only the data-made part.</summary>
    public async Task<EditionView> StartAsync(string organisation, string kind, int rocYear, Period period, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(organisation, kind, ct);
        if (await FindAsync(org.Id, kind, rocYear, period, tracked: false, ct) is not null)
            throw new InvalidInputException("period", $"{Said.Year(rocYear)} 年{Periods.Label(period)}的章節已建立。");
        var order = ReportEdition.Order(RocYear.ToGregorian(rocYear), period);
        var previous = (await db.ReportEditions.AsNoTracking().Include(e => e.Sections)
                .Where(e => e.OrganisationId == org.Id && e.Kind == kind).ToListAsync(ct))
            .Where(e => ReportEdition.Order(e.Year, e.Period) < order)
            .MaxBy(e => ReportEdition.Order(e.Year, e.Period));
        var edition = new ReportEdition { Id = Guid.NewGuid(), OrganisationId = org.Id, Kind = kind, Year = RocYear.ToGregorian(rocYear), Period = period };
        var sections = previous?.Sections.OrderBy(s => s.Ordinal).Select(s => (s.Title, s.Body, s.MadeFromData)).ToList()
            ?? [("", "", true)];
        for (var i = 0; i < sections.Count; i++)
            edition.Sections.Add(new ReportSection { Id = Guid.NewGuid(), Ordinal = i, Title = sections[i].Title, Body = sections[i].Body, MadeFromData = sections[i].MadeFromData });
        db.ReportEditions.Add(edition);
        await SaveAsync(ct);
        return View(org.Name, edition);
    }

    /// <summary>Saves one section (a new one where <paramref name="id"/> is null), moved to its position; all or nothing.</summary>
    public async Task<SectionView> SaveSectionAsync(string organisation, string kind, int rocYear, Period period, Guid? id, SectionInput input, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(organisation, kind, ct);
        var edition = await FindAsync(org.Id, kind, rocYear, period, tracked: true, ct) ?? throw NoEdition(rocYear, period);
        var title = (input.Title ?? "").Trim();
        var body = (input.Body ?? "").Replace("\r\n", "\n").TrimEnd();
        if (title.Length > ReportSection.MaxTitle)
            throw new InvalidInputException("title", $"「標題」最多 {ReportSection.MaxTitle} 字，目前 {title.Length} 字。");
        if (body.Length > ReportSection.MaxBody)
            throw new InvalidInputException("body", $"「內容」最多 {ReportSection.MaxBody} 字，目前 {body.Length} 字。");
        var ordered = edition.Sections.OrderBy(s => s.Ordinal).ToList();
        ReportSection section;
        if (id is { } existing)
        {
            section = ordered.FirstOrDefault(s => s.Id == existing) ?? throw new NotFoundException($"找不到這個章節：可能已被刪除，請重新載入。");
            if (input.Version is { } v && v != section.Version)
                throw await ChangeHistory.StaleAsync(db, [section.Id], $"章節「{Name(section)}」", ct);
            if (input.Version is null)
                throw new InvalidInputException("version", $"請由章節的編輯表單送出（缺少版本）。");
            ordered.Remove(section);
        }
        else
        {
            if (title.Length == 0 && body.Length == 0)
                throw new InvalidInputException("body", $"請填寫「標題」或「內容」。");
            section = new ReportSection { Id = Guid.NewGuid(), EditionId = edition.Id };
            edition.Sections.Add(section);
        }
        if (!section.MadeFromData && title.Length == 0 && body.Length == 0)
            throw new InvalidInputException("body", $"請填寫「標題」或「內容」；要拿掉整個章節請勾選「刪除這個章節」。");
        section.Title = title;
        if (!section.MadeFromData) section.Body = body;
        var position = Math.Clamp(input.Position ?? ordered.Count + 1, 1, ordered.Count + 1);
        ordered.Insert(position - 1, section);
        Renumber(ordered);
        await SaveAsync(ct);
        return new SectionView(section.Id, ordered.IndexOf(section) + 1, section.Title, section.Body, section.MadeFromData, section.Version);
    }

    /// <summary>Removes a written section (the data-made part stays: it is the report's own).</summary>
    public async Task RemoveSectionAsync(string organisation, string kind, int rocYear, Period period, Guid id, long? version, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(organisation, kind, ct);
        var edition = await FindAsync(org.Id, kind, rocYear, period, tracked: true, ct) ?? throw NoEdition(rocYear, period);
        var section = edition.Sections.FirstOrDefault(s => s.Id == id) ?? throw new NotFoundException($"找不到這個章節：可能已被刪除，請重新載入。");
        if (section.MadeFromData)
            throw new InvalidInputException("section", $"由資料產生的章節不能刪除；可以移到其他位置。");
        if (version is not { } v || v != section.Version)
            throw await ChangeHistory.StaleAsync(db, [section.Id], $"章節「{Name(section)}」", ct);
        edition.Sections.Remove(section);
        db.ReportSections.Remove(section);
        Renumber(edition.Sections.OrderBy(s => s.Ordinal).ToList());
        await SaveAsync(ct);
    }

    /// <summary>The edition's saves, newest first: who changed which section, when and how (the audit trail in words).</summary>
    public async Task<IReadOnlyList<ChangeHistory.Save>> HistoryAsync(string organisation, string kind, int rocYear, Period period, CancellationToken ct = default)
    {
        var org = await OrganisationAsync(organisation, kind, ct);
        var edition = await FindAsync(org.Id, kind, rocYear, period, tracked: false, ct);
        if (edition is null) return [];
        var ids = edition.Sections.Select(s => s.Id).Append(edition.Id).ToList();
        // Sections deleted since are found by their edition id, kept in what the audit recorded of them.
        var key = edition.Id.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => ids.Contains(a.EntityId) || (a.Entity == nameof(ReportSection) && a.Action == "delete" && a.Before!.Contains(key)))
            .OrderByDescending(a => a.Id).Take(200).ToListAsync(ct);
        foreach (var entry in entries)
            (entry.Before, entry.After) = (Shortened(entry.Before), Shortened(entry.After));
        return entries.GroupBy(a => (a.At, a.Actor))
            .Select(g => new ChangeHistory.Save(g.Key.At, g.Key.Actor, g.OrderBy(a => a.Id).Select(a => ChangeHistory.Describe(a)).ToList(), []))
            .ToList();
    }

    sealed record DemoSection(string? Title, string? Body, bool MadeFromData);
    sealed record DemoEdition(string Organization, string Kind, int Year, string Period, List<DemoSection> Sections);

    /// <summary>
    /// The demo data's written sections (DemoData/sections/*.json: seed 004's opening address, 壹, 參 and 肆 around 貳), so that the
    /// demo's council report is whole. Years are ROC, as the seeds write them. One save, audited as the system's.
    /// </summary>
    public static async Task LoadDemoAsync(ScorecardDb db, string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder)) return;
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var demo = await System.Text.Json.JsonSerializer.DeserializeAsync<DemoEdition>(stream, options, ct)
                ?? throw new InvalidDataException($"{file}: empty");
            var org = await db.Organisations.FirstAsync(o => o.Name == demo.Organization, ct);
            var edition = new ReportEdition { Id = Guid.NewGuid(), OrganisationId = org.Id, Kind = demo.Kind, Year = RocYear.ToGregorian(demo.Year), Period = Periods.Parse(demo.Period) };
            for (var i = 0; i < demo.Sections.Count; i++)
                edition.Sections.Add(new ReportSection
                {
                    Id = Guid.NewGuid(), Ordinal = i, Title = demo.Sections[i].Title ?? "", Body = demo.Sections[i].Body ?? "", MadeFromData = demo.Sections[i].MadeFromData,
                });
            db.ReportEditions.Add(edition);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A section's text in the history as its beginning and its length: a chapter is thousands of characters.</summary>
    static string? Shortened(string? json)
    {
        if (json is null || System.Text.Json.Nodes.JsonNode.Parse(json) is not System.Text.Json.Nodes.JsonObject row
            || row["Body"]?.GetValue<string>() is not { Length: > 60 } body)
            return json;
        row["Body"] = $"{body[..40]}…（{body.Length:#,0} 字）";
        return row.ToJsonString();
    }

    static void Renumber(List<ReportSection> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].Ordinal != i) ordered[i].Ordinal = i;
    }

    async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (WriteConflicts.IsConflict(e))
        {
            throw new StaleEditException($"章節已被其他人同時修改，您的修改未儲存，請重新載入後再改。", null, null);
        }
    }

    static string Name(ReportSection s) => s.Title.Length > 0 ? s.Title : s.MadeFromData ? "由資料產生" : $"第 {s.Ordinal + 1} 節";

    static NotFoundException NoEdition(int rocYear, Period period) => new($"{Said.Year(rocYear)} 年{Periods.Label(period)}的章節尚未建立。");

    /// <summary>The organisation, for a planner of it (or above it); a report kind without written sections is not found.</summary>
    async Task<Organisation> OrganisationAsync(string organisation, string kind, CancellationToken ct)
    {
        if (!Kinds.Contains(kind))
            throw new NotFoundException($"「{kind}」報表沒有撰寫的章節；目前只有議會報告（council）有。");
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == organisation, ct)
            ?? throw new NotFoundException($"找不到機關「{organisation}」。");
        await user.RequireAsync(Permission.EditMap, org.Id, $"撰寫「{org.Name}」報告的章節", ct);
        return org;
    }

    async Task<ReportEdition?> FindAsync(Guid organisationId, string kind, int rocYear, Period period, bool tracked, CancellationToken ct)
    {
        var year = RocYear.ToGregorian(rocYear);
        var editions = tracked ? db.ReportEditions : db.ReportEditions.AsNoTracking();
        return await editions.Include(e => e.Sections)
            .FirstOrDefaultAsync(e => e.OrganisationId == organisationId && e.Kind == kind && e.Year == year && e.Period == period, ct);
    }

    static EditionView View(string organisation, ReportEdition e) => new(organisation, e.Kind, RocYear.FromGregorian(e.Year), e.Period, e.Version,
        e.Sections.OrderBy(s => s.Ordinal).Select((s, i) => new SectionView(s.Id, i + 1, s.Title, s.Body, s.MadeFromData, s.Version)).ToList());
}
