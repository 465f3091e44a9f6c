using Scorecard.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Scorecard.Web.Tests;

/// <summary>
/// A real SMTP server for the reminder tests: Debian's aiosmtpd on a loopback port, writing what it
/// receives to a Maildir that the test reads. A missing python3-aiosmtpd fails the test: .ci/run installs it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    const string Python = "/usr/bin/python3";
    readonly Process process;
    readonly string folder;
    public int Port { get; }

    SmtpSink(Process process, string folder, int port) => (this.process, this.folder, Port) = (process, folder, port);

    public static async Task<SmtpSink> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("scorecard-mail-").FullName;
        foreach (var part in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(folder, part));   // a Maildir
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", folder }) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        for (var i = 0; i < 150; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd did not start (apt-get install python3-aiosmtpd): {await process.StandardError.ReadToEndAsync()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpSink(process, folder, port);
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        process.Kill();
        throw new InvalidOperationException($"aiosmtpd did not listen on port {port} within 15 s.");
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            var arrived = Path.Combine(folder, "new");
            return Directory.Exists(arrived) ? Directory.GetFiles(arrived).Order().Select(f => MimeMessage.Load(f)).ToList() : [];
        }
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();

    /// <summary>Waits until the messages received satisfy <paramref name="enough"/>; fails after 30 s saying what did arrive.</summary>
    public async Task WaitForAsync(Func<SmtpSink, bool> enough)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!enough(this))
        {
            if (DateTime.UtcNow > until)
                Assert.Fail($"Expected mail did not arrive in 30 s; received: {string.Join("; ", Messages.Select(m => $"{m.To} «{m.Subject}»"))}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until no message has arrived for <paramref name="quiet"/>.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet)
    {
        var count = Messages.Count;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < quiet)
        {
            await Task.Delay(200);
            if (Messages.Count != count)
                (count, since) = (Messages.Count, DateTime.UtcNow);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
