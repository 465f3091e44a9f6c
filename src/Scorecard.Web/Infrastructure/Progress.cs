using System.Diagnostics;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// Progress of a verb's long work, on standard error so that standard output stays the answer (`--json`). On a
/// terminal one line redrawn in place — count, percentage and time left —; elsewhere (a log, a pipe, a test) a plain
/// line per step, which a log keeps readable.
/// </summary>
sealed class Progress(TextWriter writer, bool terminal, string what, int total, bool show = true)
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    int done;

    public void Step(string item)
    {
        done++;
        if (!show)
            return;
        var percent = total == 0 ? 100 : done * 100 / total;
        if (!terminal)
        {
            writer.WriteLine($"{what} {done}/{total} ({percent}%) {item}");
            return;
        }
        var left = done == 0 ? TimeSpan.Zero : clock.Elapsed / done * (total - done);
        var line = $"\r{what} {done}/{total} {Bar(percent)} {percent,3}% ~{Format(left)} {item}";
        writer.Write(line.Length > 100 ? line[..100] : line.PadRight(100));
        writer.Flush();
    }

    public void Done()
    {
        if (show && terminal && done > 0)
            writer.WriteLine();
    }

    static string Bar(int percent) => "[" + new string('#', percent / 5).PadRight(20, '.') + "]";

    static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
}
