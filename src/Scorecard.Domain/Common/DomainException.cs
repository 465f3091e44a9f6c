namespace Scorecard.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Exception.Message"/> is the message in the staff's
/// language (zh-TW); <see cref="Text"/> keeps it with its holes, so a page or the API can say the
/// same thing in the reader's language (the web layer's words table is keyed by its format).
/// </summary>
public class DomainException(FormattableString message) : Exception(Said.Chinese(message))
{
    public FormattableString Text { get; } = message;
}
