using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Scorecard.Testing;

/// <summary>
/// Real counterparts for the Office files the product writes: the SDK's validator, and LibreOffice
/// converting the file to PDF whose text poppler's pdftotext reads back. Missing tools fail the
/// test (the test script installs them); they are never skipped.
/// </summary>
public static class OfficeFiles
{
    /// <summary>Every schema error of a .docx, as "part path: description"; empty when it is valid.</summary>
    public static IReadOnlyList<string> WordErrors(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var doc = WordprocessingDocument.Open(stream, false);
        return new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    /// <summary>Every schema error of a .pptx, as "part path: description"; empty when it is valid.</summary>
    public static IReadOnlyList<string> SlideErrors(byte[] pptx)
    {
        using var stream = new MemoryStream(pptx);
        using var doc = PresentationDocument.Open(stream, false);
        return new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    /// <summary>The text of the PDF LibreOffice makes of the file (`soffice --headless --convert-to pdf`, then `pdftotext`).</summary>
    /// <param name="layout">The text as laid out on the page (`pdftotext -layout`): a table's rows line by line, whatever blocks poppler would read first.</param>
    /// <param name="keepPdfAs">Where to keep a copy of the PDF (to render its pages as images), if anywhere.</param>
    public static async Task<string> TextViaLibreOfficeAsync(byte[] file, string extension, bool layout = false, string? keepPdfAs = null)
    {
        foreach (var tool in new[] { "/usr/bin/soffice", "/usr/bin/pdftotext" })
            if (!File.Exists(tool))
                throw new InvalidOperationException($"{tool} is not installed. Run scripts/test, or apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils.");
        var pdf = await PdfViaLibreOfficeAsync(file, extension);
        var folder = Directory.CreateTempSubdirectory("scorecard-pdf-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            if (keepPdfAs is not null)
                File.Copy(path, keepPdfAs, overwrite: true);
            await RunAsync("/usr/bin/pdftotext", $"{(layout ? "-layout " : "")}{path} {folder.FullName}/report.txt");
            return await File.ReadAllTextAsync(Path.Combine(folder.FullName, "report.txt"));
        }
        finally { folder.Delete(recursive: true); }
    }

    /// <summary>The PDF LibreOffice makes of the file.</summary>
    public static async Task<byte[]> PdfViaLibreOfficeAsync(byte[] file, string extension)
    {
        var folder = Directory.CreateTempSubdirectory("scorecard-office-");
        try
        {
            var input = Path.Combine(folder.FullName, "report" + extension);
            await File.WriteAllBytesAsync(input, file);
            // A profile of its own, so that parallel conversions do not wait on each other's lock.
            await RunAsync("/usr/bin/soffice", $"-env:UserInstallation=file://{folder.FullName}/profile --headless --convert-to pdf --outdir {folder.FullName} {input}");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            return File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf) : throw new InvalidOperationException("LibreOffice made no PDF of the file: it could not open it.");
        }
        finally { folder.Delete(recursive: true); }
    }

    /// <summary>A word of a PDF page where poppler places it (points from the page's top left), and the page's box.</summary>
    public sealed record PdfWord(int Page, double PageWidth, double PageHeight, double XMin, double YMin, double XMax, double YMax, string Text);

    /// <summary>The PDF's text (`pdftotext`), and its words with their boxes (`pdftotext -bbox`) up to <paramref name="lastPage"/>.</summary>
    public static async Task<(string Text, IReadOnlyList<PdfWord> Words)> ReadPdfAsync(byte[] pdf, int lastPage = 1000)
    {
        var folder = Directory.CreateTempSubdirectory("scorecard-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            await RunAsync("/usr/bin/pdftotext", $"{input} {folder.FullName}/report.txt");
            await RunAsync("/usr/bin/pdftotext", $"-bbox -l {lastPage} {input} {folder.FullName}/words.html");
            var words = new List<PdfWord>();
            var page = 0;
            double width = 0, height = 0;
            foreach (var line in await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "words.html")))
            {
                if (System.Text.RegularExpressions.Regex.Match(line, @"<page width=""([\d.]+)"" height=""([\d.]+)""") is { Success: true } p)
                    (page, width, height) = (page + 1, Number(p.Groups[1].Value), Number(p.Groups[2].Value));
                else if (System.Text.RegularExpressions.Regex.Match(line, @"<word xMin=""([\d.-]+)"" yMin=""([\d.-]+)"" xMax=""([\d.-]+)"" yMax=""([\d.-]+)"">(.*)</word>") is { Success: true } w)
                    words.Add(new PdfWord(page, width, height, Number(w.Groups[1].Value), Number(w.Groups[2].Value), Number(w.Groups[3].Value), Number(w.Groups[4].Value),
                        System.Net.WebUtility.HtmlDecode(w.Groups[5].Value)));
            }
            return (await File.ReadAllTextAsync(Path.Combine(folder.FullName, "report.txt")), words);
        }
        finally { folder.Delete(recursive: true); }
    }

    /// <summary>The first pages as PNG images (`pdftoppm`), into <paramref name="folder"/>, to be looked at; their paths.</summary>
    public static async Task<IReadOnlyList<string>> PageImagesAsync(byte[] pdf, string folder, string name, int lastPage, int dpi = 60)
    {
        Directory.CreateDirectory(folder);
        var input = Path.Combine(folder, name + ".pdf");
        await File.WriteAllBytesAsync(input, pdf);
        await RunAsync("/usr/bin/pdftoppm", $"-r {dpi} -png -l {lastPage} {input} {Path.Combine(folder, name)}");
        return Directory.GetFiles(folder, name + "-*.png").Order(StringComparer.Ordinal).ToList();
    }

    static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    static async Task RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
    }
}
