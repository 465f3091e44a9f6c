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
    /// <param name="keepPdfAs">Where to keep a copy of the PDF (to render its pages as images), if anywhere.</param>
    public static async Task<string> TextViaLibreOfficeAsync(byte[] file, string extension, string? keepPdfAs = null)
    {
        foreach (var tool in new[] { "/usr/bin/soffice", "/usr/bin/pdftotext" })
            if (!File.Exists(tool))
                throw new InvalidOperationException($"{tool} is not installed. Run scripts/test, or apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils.");
        var folder = Directory.CreateTempSubdirectory("scorecard-office-");
        try
        {
            var input = Path.Combine(folder.FullName, "report" + extension);
            await File.WriteAllBytesAsync(input, file);
            // A profile of its own, so that parallel conversions do not wait on each other's lock.
            await RunAsync("/usr/bin/soffice", $"-env:UserInstallation=file://{folder.FullName}/profile --headless --convert-to pdf --outdir {folder.FullName} {input}");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            if (!File.Exists(pdf))
                throw new InvalidOperationException("LibreOffice made no PDF of the file: it could not open it.");
            if (keepPdfAs is not null)
                File.Copy(pdf, keepPdfAs, overwrite: true);
            await RunAsync("/usr/bin/pdftotext", $"{pdf} {folder.FullName}/report.txt");
            return await File.ReadAllTextAsync(Path.Combine(folder.FullName, "report.txt"));
        }
        finally { folder.Delete(recursive: true); }
    }

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
