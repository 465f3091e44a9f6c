using System.Net;
using System.Text.RegularExpressions;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 32 §10: the import page's previews held in memory until confirmed are bounded: two per account (a newer
/// one replaces the account's oldest) and <c>Scorecard:Uploads:HeldMegabytes</c> in all (past it a preview is shown
/// but not held, and the page says so).
/// </summary>
[Collection(ServersCollection.Name)]
public partial class ImportPreviewScenarios(Servers servers)
{
    static async Task<(HttpStatusCode Status, string Html)> PreviewAsync(PageBrowser browser, string seed)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(browser.Token), "__RequestVerificationToken" },
            { new ByteArrayContent(File.ReadAllBytes(SeedData.PathOf(seed))), "Files", seed },
        };
        var answer = await browser.Client.PostAsync("/import", form);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    static string? HeldId(string html) => Held().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    static async Task<string> ConfirmAsync(PageBrowser browser, string held)
    {
        var answer = await browser.Client.PostAsync("/import", new FormUrlEncodedContent([
            new("_handler", "confirm"), new("__RequestVerificationToken", browser.Token), new("Held", held)]));
        return await answer.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Each_account_holds_two_previews_and_all_accounts_together_no_more_than_the_configured_size()
    {
        // About 154 KB in all: the planner's two previews (D 29 KB, F 54 KB) fit, the administrator's B (88 KB) then does not.
        var server = await servers.FreshAsync("sqlite", demoData: true, new Dictionary<string, string> { ["Scorecard:Uploads:HeldMegabytes"] = "0.15" });
        using var rdec = await PageBrowser.OpenAsync(server, "rdec@example.org");
        using var admin = await PageBrowser.OpenAsync(server, "admin@example.org");

        var first = HeldId((await PreviewAsync(rdec, "city-107q1-A.json")).Html);
        var second = HeldId((await PreviewAsync(rdec, "city-107q1-D.json")).Html);
        var third = HeldId((await PreviewAsync(rdec, "city-107q1-F.json")).Html);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotNull(third);

        // The third replaced the first: confirming it is refused in words; the later two are still held.
        Assert.Contains("預覽已逾時、已匯入，或已被您較新的預覽取代；請重新選擇檔案並預覽。", await ConfirmAsync(rdec, first!));

        // All held together are at the limit: the administrator's preview is shown, not held, and the page says so.
        var (status, full) = await PreviewAsync(admin, "city-107q1-B.json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("預覽：尚未寫入", full);
        Assert.Contains("伺服器暫存的匯入預覽已達上限，這次預覽未保留，無法直接確認匯入；請稍後再預覽，或直接以 API 匯入。", full);
        Assert.Null(HeldId(full));

        // A preview confirmed is no longer held: room again.
        Assert.Contains("已匯入 1 個檔案", await ConfirmAsync(rdec, second!));
        Assert.NotNull(HeldId((await PreviewAsync(admin, "city-107q1-B.json")).Html));
    }

    [GeneratedRegex("name=\"Held\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex Held();
}
