using System.Text;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Kpis;
using Scorecard.Domain.Organisations;
using Scorecard.Domain.Periods;
using Scorecard.Domain.Values;
using Scorecard.Web.Features.Maps;

namespace Scorecard.Web.Features.Reminders;

/// <summary>
/// 提醒: each reporter a digest of the entries of open periods due within <see cref="ReminderSettings.DaysBefore"/>
/// days, and again once overdue; each planner a digest of the submissions waiting for their review. Every
/// item goes to a person once: it is recorded (<see cref="ReminderSent"/>) in the same transaction that
/// the mail goes out in.
/// </summary>
public sealed class Reminders(ScorecardDb db, TimeProvider clock, IOptions<SmtpSettings> smtp, IOptions<ReminderSettings> settings)
{
    public const string Actor = "提醒通知";

    /// <summary>One thing to remind of: its key, and the lines the mail gives it.</summary>
    public sealed record Item(ReminderKind Kind, string About, int Count, string Text);

    /// <summary>Sends every digest due now; returns how many mails went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var sent = 0;
        foreach (var (to, items) in await DigestsAsync(ct))
            if (await SendOnceAsync(to, items, ct)) sent++;
        return sent;
    }

    /// <summary>What each person is to be reminded of now that they have not been yet, by e-mail address.</summary>
    public async Task<IReadOnlyDictionary<string, List<Item>>> DigestsAsync(CancellationToken ct = default)
    {
        var today = CityTime.Today(clock.GetUtcNow());
        var horizon = today.AddDays(settings.Value.DaysBefore);
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.State == PeriodState.Open && p.Deadline != null && p.Deadline <= horizon).ToListAsync(ct);
        var waiting = await db.Submissions.AsNoTracking().Where(s => s.State == SubmissionState.Submitted).ToListAsync(ct);
        var waitingKpis = waiting.Select(s => s.KpiId).Distinct().ToList();
        var mapIds = periods.Select(p => p.MapId)
            .Concat(await db.Kpis.Where(k => waitingKpis.Contains(k.Id)).Select(k => k.MapId).Distinct().ToListAsync(ct))
            .Distinct().ToList();
        if (mapIds.Count == 0) return new Dictionary<string, List<Item>>();

        var maps = await db.Maps.AsNoTracking().Include(m => m.Organisation).Where(m => mapIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var kpis = await db.Kpis.AsNoTracking().Include(k => k.OwnerLinks).Where(k => mapIds.Contains(k.MapId)).ToDictionaryAsync(k => k.Id, ct);
        var periodMaps = periods.Select(p => p.MapId).ToHashSet();
        var periodYears = periods.Select(p => p.Year).Distinct().ToList();
        var kpiIds = kpis.Values.Where(k => periodMaps.Contains(k.MapId)).Select(k => k.Id).ToList();
        var entries = (await db.Submissions.AsNoTracking().Where(s => kpiIds.Contains(s.KpiId) && periodYears.Contains(s.Year)).ToListAsync(ct))
            .ToDictionary(s => (s.KpiId, s.Year, s.Period));
        var parents = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.ParentId, ct);
        // Reporters and planners only: of these roles only a reporter's grants Enter and only a planner's Review.
        // The administrator, who may do everything, is not mailed everything.
        var people = (await (from r in db.RoleAssignments
                             join u in db.Users on r.UserId equals u.Id
                             where (r.Role == WorkRole.Reporter || r.Role == WorkRole.Planner) && u.Email != null
                             select new { Email = u.Email!, r.Role, r.OrganisationId }).ToListAsync(ct))
            .GroupBy(p => p.Email)
            .Select(g => (Email: g.Key, Grants: g.Select(p => new Access.Grant(p.Role, p.OrganisationId)).ToList()))
            .ToList();

        var chains = new Dictionary<Guid, IReadOnlyList<Guid>>();
        IReadOnlyList<Guid> Chain(Guid organisation) =>
            chains.TryGetValue(organisation, out var chain) ? chain : chains[organisation] = OrganisationTree.Chain(organisation, parents);
        var entriesOfMap = kpis.Values.GroupBy(k => k.MapId).ToDictionary(g => g.Key, g => KpiOwner.Entries(g.ToList()));
        string Name(Kpi k) => k.ParentId is { } p ? $"{kpis[p].Code} {kpis[p].Name}（分項 {k.Name}）" : $"{k.Code} {k.Name}";
        var digests = new Dictionary<string, List<Item>>();
        void Add(string email, Item item) => (digests.TryGetValue(email, out var list) ? list : digests[email] = []).Add(item);

        foreach (var p in periods.OrderBy(p => p.Deadline))
        {
            var map = maps[p.MapId];
            var deadline = p.Deadline!.Value;
            var kind = deadline < today ? ReminderKind.Overdue : ReminderKind.DueSoon;
            var open = entriesOfMap[p.MapId].Where(e => Workflow.WithOwner(entries.GetValueOrDefault((e.Kpi.Id, p.Year, p.Period))?.State))
                .Select(e => (e.Kpi, Owners: KpiOwner.EnteringFor(e.Kpi, e.Parent))).ToList();
            // Whom an entry reaches is decided per owning organisation, not per KPI: a map has few owners and many KPIs.
            var owners = open.SelectMany(e => e.Owners).Distinct().ToList();
            foreach (var (email, grants) in people)
            {
                var theirs = owners.Where(o => Access.Allows(grants, Permission.Enter, Chain(o))).ToHashSet();
                if (theirs.Count == 0) continue;
                var mine = open.Where(e => e.Owners.Any(theirs.Contains)).Select(e => e.Kpi).ToList();
                var when = kind == ReminderKind.Overdue ? $"已逾期 {today.DayNumber - deadline.DayNumber} 天" : deadline == today ? "今天截止" : $"尚餘 {deadline.DayNumber - today.DayNumber} 天";
                var text = new StringBuilder()
                    .AppendLine($"【{map.Organisation.Name} {map.RocYear} 年策略地圖｜{RocYear.FromGregorian(p.Year)} 年{Periods.Label(p.Period)}】截止日 {deadline:yyyy-MM-dd}（{when}），尚未送出 {mine.Count} 項：")
                    .AppendJoin("", mine.Select(k => $"  - {Name(k)}{Environment.NewLine}"))
                    .AppendLine($"  填報：{Link(Links.Entry(map.Organisation.Name, map.RocYear, RocYear.FromGregorian(p.Year), p.Period))}")
                    .ToString();
                Add(email, new Item(kind, ReminderSent.PeriodKey(p), mine.Count, text));
            }
        }

        foreach (var s in waiting.Where(s => kpis.ContainsKey(s.KpiId)).OrderBy(s => s.SubmittedAt))
        {
            var kpi = kpis[s.KpiId];
            var map = maps[kpi.MapId];
            foreach (var (email, grants) in people)
            {
                if (!Access.Allows(grants, Permission.Review, Chain(map.OrganisationId))) continue;
                var text = $"【{map.Organisation.Name} {map.RocYear} 年策略地圖｜{RocYear.FromGregorian(s.Year)} 年{Periods.Label(s.Period)}】{Name(kpi)}：{s.SubmittedBy} 於 {s.SubmittedAt:yyyy-MM-dd} 送出{Environment.NewLine}" +
                           $"  審核：{Link(Links.Review(map.Organisation.Name, map.RocYear, RocYear.FromGregorian(s.Year), s.Period))}{Environment.NewLine}";
                Add(email, new Item(ReminderKind.ToReview, ReminderSent.SubmissionKey(s), 1, text));
            }
        }

        // Leave out what each person has been reminded of already.
        var recipients = digests.Keys.ToList();
        var done = (await db.RemindersSent.AsNoTracking().Where(r => recipients.Contains(r.Recipient))
            .Select(r => new { r.Recipient, r.Kind, r.About }).ToListAsync(ct))
            .Select(r => (r.Recipient, r.Kind, r.About)).ToHashSet();
        return digests
            .Select(d => (d.Key, Items: d.Value.Where(i => !done.Contains((d.Key, i.Kind, i.About))).ToList()))
            .Where(d => d.Items.Count > 0)
            .ToDictionary(d => d.Key, d => d.Items);
    }

    /// <summary>
    /// Records the items, sends the mail, and commits, in that order: a second instance recording the same
    /// item meets the unique key and sends nothing; a mail that fails to go out leaves no record, and goes next time.
    /// </summary>
    async Task<bool> SendOnceAsync(string to, List<Item> items, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.Actor = Actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.RemindersSent.AddRange(items.Select(i => new ReminderSent { Recipient = to, Kind = i.Kind, About = i.About, SentAt = now }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance recorded (and sends) one of these first.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }
        await SendAsync(to, items, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    async Task SendAsync(string to, List<Item> items, CancellationToken ct)
    {
        var server = smtp.Value;
        if (string.IsNullOrWhiteSpace(server.Host) || string.IsNullOrWhiteSpace(server.Sender))
            throw new InvalidOperationException("提醒信需要 Scorecard:Smtp:Host 與 Scorecard:Smtp:Sender。");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(server.Sender));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = Subject(items);
        var body = new StringBuilder().AppendLine("您好：").AppendLine();
        foreach (var group in items.GroupBy(i => i.Kind).OrderBy(g => g.Key switch { ReminderKind.Overdue => 0, ReminderKind.DueSoon => 1, _ => 2 }))
        {
            body.AppendLine(group.Key switch
            {
                ReminderKind.Overdue => "下列填報已逾截止日，請儘速填報並送出：",
                ReminderKind.DueSoon => "下列填報即將截止，請於截止日前填報並送出：",
                _ => "下列填報已送出，等候您審核：",
            });
            foreach (var item in group) body.Append(item.Text);
            body.AppendLine();
        }
        body.AppendLine($"最新情形請見「我的待辦」：{Link("todo")}");
        body.AppendLine("此信由 Scorecard 自動寄出，每一事項只提醒一次。");
        message.Body = new TextPart("plain") { Text = body.ToString() };

        // The record's transaction waits on this mail (on SQLite, every writer does): a server that does not answer is given up on soon.
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        var security = server.UseTls switch { true => SecureSocketOptions.StartTls, false => SecureSocketOptions.None, _ => SecureSocketOptions.Auto };
        await client.ConnectAsync(server.Host, server.Port, security, ct);
        if (!string.IsNullOrEmpty(server.UserName))
            await client.AuthenticateAsync(server.UserName, server.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    /// <summary>「Scorecard 提醒：已逾期 2 項、即將截止 3 項、待審核 1 項」</summary>
    public static string Subject(IEnumerable<Item> items)
    {
        var counts = items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => g.Sum(i => i.Count));
        var parts = new[] { (ReminderKind.Overdue, "已逾期"), (ReminderKind.DueSoon, "即將截止"), (ReminderKind.ToReview, "待審核") }
            .Where(x => counts.ContainsKey(x.Item1)).Select(x => $"{x.Item2} {counts[x.Item1]} 項");
        return $"Scorecard 提醒：{string.Join("、", parts)}";
    }

    string Link(string path) => settings.Value.PublicUrl is { Length: > 0 } root ? $"{root.TrimEnd('/')}/{path}" : path;
}
