using System.Net.Http.Json;
using MimeKit;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 9 §3: with a mail server configured, reporters get a digest of what is due and what is overdue,
/// planners of what waits for review; each item once, whatever the number of instances or restarts.
/// </summary>
[Collection(ServersCollection.Name)]
public class ReminderScenarios(Servers servers)
{
    const string Ac11 = "/api/maps/臺北市政府/107/kpis/AC1.1/values/107/Q2";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Reporters_and_planners_are_reminded_by_email_of_each_thing_once(string provider)
    {
        await using var smtp = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Scorecard:Smtp:Host"] = "127.0.0.1",
            ["Scorecard:Smtp:Port"] = smtp.Port.ToString(),
            ["Scorecard:Smtp:Sender"] = "scorecard@example.org",
            ["Scorecard:Reminders:Every"] = "00:00:01",
            ["Scorecard:Reminders:PublicUrl"] = "https://scorecard.example.org/",
        };
        var server = await servers.FreshAsync(provider, demoData: true, settings);
        using var rdec = await server.SignInAsync("rdec@example.org");
        // A second instance on the same database looks for reminders every second too.
        var second = servers.AnotherInstance(server, settings);
        second.CreateClient().Dispose();

        // 107 Q2 closes in three days; 107 Q3's deadline passed yesterday. 環保局 submits AC1.1 for Q2.
        var today = Scorecard.Domain.Common.CityTime.Today(DateTimeOffset.UtcNow);   // deadlines are days in Taipei
        using var epb = await server.SignInAsync("epb@example.org");
        await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q3/open", new { deadline = today.AddDays(-1).ToString("yyyy-MM-dd"), confirm = true }));
        await Ok(await rdec.PostAsJsonAsync("/api/maps/臺北市政府/107/periods/107/Q2/open", new { deadline = today.AddDays(3).ToString("yyyy-MM-dd") }));
        await Ok(await epb.PutAsJsonAsync(Ac11 + "/actual", new { value = 45.2 }));
        await Ok(await epb.PostAsync(Ac11 + "/submit", null));

        await smtp.WaitForAsync(s => s.To("epb@example.org").Count > 0 && s.To("rdec@example.org").Count > 0);
        // The reporter's digest: Q3 overdue, Q2 due in three days, each with 環保局's KPIs not yet submitted.
        // A round may fall between the two openings: then Q2 comes in a second digest.
        await smtp.WaitForAsync(s => s.To("epb@example.org").Sum(m => (m.TextBody ?? "").Split("【").Length - 1) >= 2);
        var epbText = string.Join("\n", smtp.To("epb@example.org").Select(m => m.TextBody));
        var q3 = Section(epbText, "107 年第 3 季");
        Assert.Contains("已逾期 1 天", q3);
        Assert.Contains("AC1.1 空氣品質優良日數比率(AQI)", q3);
        var q2 = Section(epbText, "107 年第 2 季");
        Assert.Contains($"截止日 {today.AddDays(3):yyyy-MM-dd}（尚餘 3 天）", q2);
        Assert.Contains("AC1.2 ", q2);
        Assert.Contains("https://scorecard.example.org/maps/%E8%87%BA%E5%8C%97%E5%B8%82%E6%94%BF%E5%BA%9C/107/entry/107/Q2", q2);
        Assert.All(smtp.To("epb@example.org"), m => Assert.StartsWith("Scorecard 提醒：", m.Subject));
        Assert.Contains(smtp.To("epb@example.org"), m => (m.Subject ?? "").Contains("已逾期"));
        Assert.Equal("scorecard@example.org", smtp.To("epb@example.org")[0].From.Mailboxes.Single().Address);

        // The planner's digest: AC1.1 waiting for review, with who submitted it and where to review.
        var review = Assert.Single(smtp.To("rdec@example.org"));
        Assert.Equal("Scorecard 提醒：待審核 1 項", review.Subject);
        Assert.Contains("AC1.1 空氣品質優良日數比率(AQI)：epb@example.org 於", review.TextBody ?? "");
        Assert.Contains("/review/107/Q2", review.TextBody ?? "");
        // Reporters of other bureaus hear of their own KPIs only; leadership and the administrator get nothing.
        Assert.DoesNotContain("AC1.1", string.Join("\n", smtp.To("udd@example.org").Select(m => m.TextBody)));
        Assert.Empty(smtp.To("mayor@example.org"));
        Assert.Empty(smtp.To("admin@example.org"));

        // Two instances polling every second for several rounds, then a third started afresh: nothing is sent twice.
        // Counted once the round under way has sent all its mail (its last digest, still on its way, was once counted as sent twice).
        await smtp.WaitForQuietAsync(TimeSpan.FromSeconds(2));
        var before = smtp.Messages.Count;
        var restarted = servers.AnotherInstance(server, settings);
        restarted.CreateClient().Dispose();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before, smtp.Messages.Count);
        // Nobody was told of the same thing twice, the rounds before the count included.
        foreach (var to in new[] { "epb@example.org", "udd@example.org", "rdec@example.org" })
        {
            var headings = smtp.To(to).SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.TextBody ?? "", "【[^】]+】").Select(h => h.Value)).ToList();
            Assert.Equal(headings.Distinct().Count(), headings.Count);
        }

        // Returned and submitted again is new: the planner hears of it once more.
        await Ok(await rdec.PostAsJsonAsync(Ac11 + "/return", new { comment = "請補充說明。" }));
        await Ok(await epb.PutAsJsonAsync(Ac11 + "/actual", new { value = 45.3 }));
        await Ok(await epb.PostAsync(Ac11 + "/submit", null));
        await smtp.WaitForAsync(s => s.To("rdec@example.org").Count == 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, smtp.To("rdec@example.org").Count);

        // Stop polling a mail server that is about to go away.
        foreach (var instance in new[] { restarted, second, server }) await instance.DisposeAsync();
    }

    /// <summary>The lines of a digest under one period's heading, up to the next heading.</summary>
    static string Section(string text, string period)
    {
        var start = text.IndexOf($"｜{period}】", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {period} in: {text}");
        var end = text.IndexOf('【', start + 1);
        return end < 0 ? text[start..] : text[start..end];
    }
}
