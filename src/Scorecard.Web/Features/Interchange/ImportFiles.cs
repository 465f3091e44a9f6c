using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Json;
using Scorecard.Web.Features.Accounts;
using Scorecard.Web.Infrastructure;

namespace Scorecard.Web.Features.Interchange;

/// <summary>
/// Imports interchange files for the signed-in user, from the API or the import page: all files
/// are read first, the user's rights checked for every organisation they name, then all are
/// imported together or none.
/// </summary>
public sealed class ImportFiles(ScorecardDb db, CurrentUser user)
{
    /// <summary>
    /// JSON interchange files and BSC workbooks (.xlsx). The options name the organisation and plan
    /// year a workbook does not state; a dry run reports what would change and writes nothing.
    /// </summary>
    public async Task<ImportReport> RunAsync(IReadOnlyList<(string Name, Func<Stream> Open)> uploads, ImportOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ImportOptions();
        if (!user.IsSignedIn)
            throw new NotSignedInException();
        if (uploads.Count == 0)
            throw new InvalidInputException("files", $"沒有收到任何檔案。");
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        var inputs = new List<ImportInput>();
        try
        {
            foreach (var (name, open) in uploads)
            {
                await using var content = open();
                inputs.Add(ImportInput.Read(name, content, organisations, options.Workbook));
            }
        }
        catch (Exception e) when (e is ImportException or DomainException)
        {
            Infrastructure.Observability.ProductMetrics.ImportRefused();
            throw;
        }
        await RequireImportRightsAsync(inputs.Select(i => (i.Name, i.File)), ct);
        return await ImportAsync(db, inputs, organisations, options, ct);
    }

    /// <summary>
    /// The import itself, the page's and the command line's: all files or none. An organisation made from a
    /// workbook's title (<see cref="ImportOptions.CreateOrganisation"/>) is said first among the warnings.
    /// </summary>
    public static async Task<ImportReport> ImportAsync(ScorecardDb db, IReadOnlyList<ImportInput> inputs, IReadOnlyCollection<Scorecard.Domain.Organisations.Organisation> known, ImportOptions options, CancellationToken ct = default)
    {
        ImportReport report;
        try { report = await new MapImporter(db).ImportAsync(inputs, options.DryRun, ct); }
        catch (Exception e) when (e is ImportException or DomainException)
        {
            Infrastructure.Observability.ProductMetrics.ImportRefused();
            throw;
        }
        Infrastructure.Observability.ProductMetrics.Imported(options.DryRun, report.RowsCreated, report.RowsUpdated);
        var created = inputs
            .Where(i => ImportInput.IsWorkbook(i.Name) && options.CreateOrganisation && i.File.Organization?.Name is { } name && known.All(o => o.Name != name))
            .Select(i => new ImportWarning(i.Name, "$.organization", i.File.Organization!.Parent is { } parent
                ? (FormattableString)$"依活頁簿標題新增機關「{i.File.Organization.Name}」，隸屬「{parent}」，請確認。"
                : $"依活頁簿標題新增機關「{i.File.Organization.Name}」，請確認。"))
            .ToList();
        return created.Count == 0 ? report : report with { Warnings = [.. created, .. report.Warnings] };
    }

    /// <summary>
    /// The planner role (or administrator) for the organisation each file names. What changes the
    /// organisation tree is the administrator's: a list of organisations, a new organisation, or a
    /// known one moved under another parent.
    /// </summary>
    async Task RequireImportRightsAsync(IEnumerable<(string Name, MapFile File)> files, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(ct);
        foreach (var (name, file) in files)
        {
            if (file.Organizations is { Count: > 0 } && !await user.IsAdministratorAsync(ct))
                throw new AccessDeniedException($"匯入機關清單（{name}）；機關由系統管理者維護");
            if (file.Organization?.Name is not { } orgName)
                continue;
            var known = organisations.FirstOrDefault(o => o.Name == orgName);
            var parent = file.Organization.Parent is { } p ? organisations.FirstOrDefault(o => o.Name == p) : null;
            var changesTree = known is null || (file.Organization.Parent is not null && known.ParentId != parent?.Id);
            if (changesTree && !await user.IsAdministratorAsync(ct))
                throw new AccessDeniedException(known is null
                    ? (FormattableString)$"匯入新機關「{orgName}」的策略地圖（{name}）；新機關由系統管理者建立"
                    : $"把「{orgName}」改隸「{file.Organization.Parent}」（{name}）；機關隸屬由系統管理者維護");
            if (known is not null)
                await user.RequireAsync(Permission.Import, known.Id, $"匯入「{orgName}」的策略地圖（{name}）", ct);
        }
    }
}

/// <summary>What an upload is told besides its files: for a workbook, the organisation and plan year it does not state; whether to only preview.</summary>
/// <param name="CreateOrganisation">A workbook whose title names an organisation not yet known creates it (an administrator's choice).</param>
public sealed record ImportOptions(string? Organisation = null, int? PlanYear = null, bool DryRun = false, bool CreateOrganisation = false)
{
    /// <summary>The options as a form or the command line types them; a plan year that is not a number is refused naming the field.</summary>
    public static ImportOptions Parse(string? organisation, string? planYear, bool dryRun)
    {
        int? year = null;
        if (planYear?.Trim() is { Length: > 0 } text)
            year = int.TryParse(text, out var y) ? y : throw new InvalidInputException("planYear", $"計畫年度「{text}」不是民國年（如 110）。");
        return new ImportOptions(string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim(), year, dryRun);
    }

    public BscFormOptions Workbook => new(Organisation, PlanYear, CreateOrganisation);
}
