namespace Scorecard.Web.Features.Reminders;

/// <summary>
/// <c>Scorecard:Smtp</c>: the mail server reminders go out through. Without a host there are no e-mails:
/// 我的待辦 is the reminder.
/// </summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>The From address, e.g. scorecard@mail.taipei.gov.tw.</summary>
    public string? Sender { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>True: STARTTLS required; false: plain; unset: TLS on connect for port 465, STARTTLS when offered otherwise.</summary>
    public bool? UseTls { get; set; }
}

/// <summary><c>Scorecard:Reminders</c>: when and how often.</summary>
public sealed class ReminderSettings
{
    /// <summary>A reporter is reminded this many days before a deadline (and again once it has passed).</summary>
    public int DaysBefore { get; set; } = 5;
    /// <summary>How often the reminder service looks for something to send.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>The product's address as people open it (https://scorecard.example.gov.tw/), for links in the mails.</summary>
    public string? PublicUrl { get; set; }
}
