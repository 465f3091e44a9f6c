using Scorecard.Data;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Scorecard.Domain.Scoring;
using Scorecard.Interchange.Drawing;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Reports;
using Scorecard.Interchange.Word;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>平衡計分卡 (seed 001) made from the Secretariat's 105 map: the seed's columns and figures, as Word and Excel that validate and open in LibreOffice.</summary>
public class BscTableTests
{
    static async Task<BscTable> SecretariatAsync()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-bsc-105-107.json"));
        await using var db = database.NewContext();
        return BscTable.Build((await MapQueries.ReadAsync(db, "臺北市政府秘書處", 105))!);
    }

    static async Task<string> SecretariatDrawingAsync()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await ImportFixtures.ImportFilesAsync(database, SeedData.PathOf("secretariat-bsc-105-107.json"));
        await using var db = database.NewContext();
        return MapDrawing.Svg(new MapScoring((await MapQueries.ReadAsync(db, "臺北市政府秘書處", 105))!));
    }

    static IReadOnlyList<string> RowOf(BscTable table, string kpi) => table.Rows.Single(r => r.Section is null && r.Cells[1].StartsWith(kpi + " ")).Cells;

    [Fact]
    public async Task The_table_has_the_seeds_fifteen_columns_sections_and_figures()
    {
        var table = await SecretariatAsync();
        Assert.Equal("臺北市政府秘書處 平衡計分卡", table.Title);
        Assert.Equal(15, table.Headers.Count);
        Assert.Equal(["102年 實際值", "103年 實際值", "104年 實際值", "105年 目標值", "106年 目標值", "107年 目標值"], table.Headers.Skip(3).Take(6));
        Assert.Equal("行動方案對應 106年預算 (元)", table.Headers[12]);
        Assert.Equal(["顧客構面", "內部流程構面", "學習成長構面", "財務構面"], table.Rows.Where(r => r.Section is not null).Select(r => r.Section!));

        var af11 = RowOf(table, "AF1.1");
        Assert.Equal("AF1 修繕及養護經管職舍環境", af11[0]);
        Assert.Equal(["100", "99", "100", "100", "100", "100", "總務組", "AF1.1.1 依年度預算辦理", "574,817", "549,542", "380,000", "總務組"], af11.Skip(3));
        Assert.Equal(["未統計", "未統計", "未統計", "28", "21", "14"], RowOf(table, "AC1.1").Skip(3).Take(6));   // a status stays its words
        Assert.Contains("但不含人事費", table.Instructions[1]);
        Assert.Contains("AC1 提高員工職舍配住率", table.Grid.Rows[0].Cells[0]);
    }

    [Fact]
    public async Task Word_and_Excel_validate_and_LibreOffice_reads_the_figures()
    {
        var table = await SecretariatAsync();
        var docx = BscTableDocx.Render(table, await SecretariatDrawingAsync());
        Assert.Empty(OfficeFiles.WordErrors(docx));
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
            Assert.Single(word.MainDocumentPart!.ImageParts, p => p.ContentType == "image/svg+xml");   // the drawn map, embedded
        var xlsx = BscTableXlsx.Render(table);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
            Assert.Empty(new OpenXmlValidator().Validate(book).Select(e => $"{e.Path?.XPath}: {e.Description}"));

        foreach (var (file, extension) in new[] { (docx, ".docx"), (xlsx, ".xlsx") })
        {
            var text = string.Concat((await OfficeFiles.TextViaLibreOfficeAsync(file, extension)).Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains("549,542", text);
            Assert.Contains("AF1.1", text);
            Assert.Contains("未統計", text);
            if (extension == ".docx")
                Assert.Contains("【願景】市政最優服務平臺", text);   // the drawn map's statements, as LibreOffice draws the picture
        }
    }
}
