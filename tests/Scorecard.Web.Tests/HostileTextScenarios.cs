using System.Text.Json.Nodes;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Scorecard.Testing;

using static Scorecard.Web.Tests.Answers;

namespace Scorecard.Web.Tests;

/// <summary>
/// Issue 11 §3: a text a file or a person sets is shown as that text everywhere it goes, and runs nowhere:
/// not as markup in a page or the drawing, not as a formula in a workbook, a Word document or the open-data CSV.
/// </summary>
[Collection(ServersCollection.Name)]
public class HostileTextScenarios(Servers servers)
{
    const string Script = "<script>alert(\"x\")</script>集中燒";
    const string Formula = "=HYPERLINK(\"http://evil.example\",\"點我\")";
    const string Plus = "+cmd|' /C calc'!A0";
    const string At = "@SUM(A1)";
    const string Map = "/api/maps/臺北市北投區公所/110";

    [Fact]
    public async Task Texts_that_look_like_markup_or_formulas_are_shown_as_text_in_pages_drawings_reports_and_open_data()
    {
        var server = await servers.FreshAsync("sqlite", demoData: false);
        using var admin = await server.AdministratorAsync();
        var file = JsonNode.Parse(File.ReadAllText(SeedData.PathOf("beitou-bsc-110.json")))!;
        file["objectives"]![0]!["name"] = Formula;
        file["kpis"]![0]!["name"] = Script;
        file["kpis"]![1]!["name"] = Plus;
        file["kpis"]![1]!["unit"] = At;
        file["kpis"]![2]!["name"] = "=1+2";
        await Ok(await admin.PostAsync("/api/imports", Uploads.Of("beitou-hostile.json", System.Text.Encoding.UTF8.GetBytes(file.ToJsonString()))));
        using var reader = server.CreateClient();

        // The pages: the texts encoded, no script element of theirs.
        var page = await reader.GetStringAsync("/maps/臺北市北投區公所/110/kpis/AC1.1");
        Assert.DoesNotContain("<script", page);
        Assert.Contains("&lt;script&gt;", page);
        Assert.Contains("=HYPERLINK(", await reader.GetStringAsync("/maps/臺北市北投區公所/110"));

        // The drawing: well-formed XML whose text is the objective's name, with no script in it.
        var svg = XDocument.Parse(await reader.GetStringAsync(Map + "/map.svg"));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value.Replace("\n", "").Contains("HYPERLINK"));

        // The workbook: every text a string cell, no formula anywhere.
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await reader.GetByteArrayAsync(Map + "/reports/bsc?format=xlsx")), false))
        {
            var cells = xlsx.WorkbookPart!.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<Cell>()).ToList();
            Assert.Empty(xlsx.WorkbookPart.WorksheetParts.SelectMany(w => w.Worksheet.Descendants<CellFormula>()));
            foreach (var text in new[] { Formula, Script, Plus, At })
            {
                var holding = cells.Where(c => c.InnerText.Contains(text)).ToList();
                Assert.NotEmpty(holding);
                Assert.All(holding, c => Assert.Equal(CellValues.InlineString, c.DataType!.Value));
            }
        }

        // The Word document: the texts as text, no field (a field is Word's formula).
        using (var docx = WordprocessingDocument.Open(new MemoryStream(await reader.GetByteArrayAsync(Map + "/reports/bsc?format=docx")), false))
        {
            var body = docx.MainDocumentPart!.Document.Body!;
            Assert.Empty(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.FieldCode>());
            Assert.Empty(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.SimpleField>());
            foreach (var text in new[] { Formula, Script, Plus })
                Assert.Contains(text, body.InnerText);
        }

        // Open data: a text that a spreadsheet would take for a formula starts with an apostrophe; numbers stay numbers.
        var csv = await reader.GetStringAsync("/api/open-data/110/臺北市北投區公所.csv");
        Assert.Contains(",AC2.1,'+cmd|' /C calc'!A0,'@SUM(A1),", csv);
        Assert.Contains(",AP1.1,'=1+2,", csv);
        Assert.Contains(",\"AC1 =HYPERLINK(\"\"http://evil.example\"\",\"\"點我\"\")\",", csv);   // after its code: not a formula
        Assert.Contains(",\"<script>alert(\"\"x\"\")</script>集中燒\",", csv);   // markup is not a spreadsheet's business
        Assert.Contains(",Y,75,", csv);
    }
}
