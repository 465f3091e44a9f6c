using System.Globalization;

namespace Scorecard.Domain.Common;

/// <summary>
/// A moment as the city's clocks show it. Moments are stored in UTC; people in Taipei read them in their own
/// time (Asia/Taipei, +08:00), as 民國 dates in Chinese (「115/12/07 10:11」) and as ordinary dates in English
/// (<see cref="Gregorian"/>, 「2026-12-07 10:11」). Reads as the Chinese until a language says it otherwise.
/// </summary>
public readonly record struct CityTime
{
    /// <summary>
    /// The city's time zone, from the system's time-zone database; where that has none (a machine without
    /// tzdata) a fixed +08:00, which is the same for every date since Taiwan last kept summer time (1979).
    /// </summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The moment in UTC; a time read back without a kind (SQLite's) is taken as UTC, as it was written.</summary>
    public DateTime Utc { get; }

    public CityTime(DateTime utc) => Utc = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    /// <summary>The wall-clock time in Taipei.</summary>
    public DateTime Local => TimeZoneInfo.ConvertTimeFromUtc(Utc, Zone);

    /// <summary>「115/12/07 10:11」: the ROC year, month, day, hours and minutes in Taipei.</summary>
    public string Roc
    {
        get
        {
            var local = Local;
            return string.Create(CultureInfo.InvariantCulture, $"{RocYear.FromGregorian(local.Year)}/{local:MM/dd HH:mm}");
        }
    }

    /// <summary>「2026-12-07 10:11」: the same time with a Gregorian date.</summary>
    public string Gregorian => Local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public override string ToString() => Roc;

    /// <summary>Today in Taipei: the day a deadline is read against and an entry becomes overdue, whatever zone the server runs in.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { }
        return TimeZoneInfo.CreateCustomTimeZone("Asia/Taipei", TimeSpan.FromHours(8), "臺北時間 (+08:00)", "臺北時間");
    }
}
