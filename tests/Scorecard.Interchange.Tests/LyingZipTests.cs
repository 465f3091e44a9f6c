using System.IO.Compression;
using System.Text;
using Scorecard.Interchange.Excel;
using Scorecard.Interchange.Json;
using Scorecard.Testing;

namespace Scorecard.Interchange.Tests;

/// <summary>
/// A zip says how large each entry unzips to, and a hostile one lies: a sheet declared as a kilobyte that
/// would inflate to 150 MB. The declared sizes pass the 100 MB check, but .NET's zip reader stops each
/// entry at its declared size, so the sheet is read to its first kilobyte, found cut off, and the file
/// refused as unreadable: nothing near 150 MB is inflated or held.
/// </summary>
public class LyingZipTests
{
    [Fact]
    public void A_workbook_whose_zip_understates_its_sizes_is_read_only_as_far_as_it_declares_and_refused()
    {
        var honest = File.ReadAllBytes(Path.Combine(SeedData.Folder, "excel", "beitou-bsc-110.xlsx"));
        var bomb = Rezipped(honest, "xl/worksheets/sheet1.xml", BombSheet());
        var lying = Understated(bomb, "xl/worksheets/sheet1.xml", declared: 1024);
        using (var zip = new ZipArchive(new MemoryStream(lying)))
            Assert.True(zip.Entries.Sum(e => e.Length) < SheetGrid.MaxUnzippedBytes);   // what it declares passes the first look

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.Throws<ImportException>(() => BscFormReader.Read("lying.xlsx", new MemoryStream(lying), [], new BscFormOptions()));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(("lying.xlsx", "活頁簿", "不是可讀取的 Excel 活頁簿（.xlsx）。"), (refused.File, refused.Location, refused.Reason));
        Assert.True(allocated < 20 * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated reading it");
    }

    static string BombSheet() => new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
        .Append(' ', 150 * 1024 * 1024).Append("</t></is></c></row></sheetData></worksheet>").ToString();

    static byte[] Rezipped(byte[] workbook, string entryName, string content)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(workbook)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Optimal).Open();
                if (entry.FullName == entryName) to.Write(Encoding.UTF8.GetBytes(content));
                else { using var from = entry.Open(); from.CopyTo(to); }
            }
        return output.ToArray();
    }

    /// <summary>The entry's uncompressed size rewritten, in its local header and in the central directory, to a lie.</summary>
    static byte[] Understated(byte[] zip, string entryName, uint declared)
    {
        var bytes = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            var (sizeAt, nameLengthAt, nameAt) = signature switch
            {
                0x04034b50 => (22, 26, 30),   // local file header
                0x02014b50 => (24, 28, 46),   // central directory header
                _ => (-1, 0, 0),
            };
            if (sizeAt < 0 || BitConverter.ToUInt16(bytes, i + nameLengthAt) != name.Length || !bytes.AsSpan(i + nameAt, name.Length).SequenceEqual(name))
                continue;
            BitConverter.TryWriteBytes(bytes.AsSpan(i + sizeAt, 4), declared);
        }
        return bytes;
    }
}
