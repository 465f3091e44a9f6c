using Scorecard.Domain.Common;

namespace Scorecard.Web.Infrastructure;

// Failures that belong to the web layer (who is asking, what they name, which version they saw).
// ProblemMapper turns each into its status; pages show the same message.

/// <summary>401: the step needs a signed-in user.</summary>
public sealed class NotSignedInException() : Exception(Said.Chinese(SignIn))
{
    static FormattableString SignIn => $"請先登入。";
    public FormattableString Text => SignIn;
}

/// <summary>403: signed in, but no role allows this on that organisation.</summary>
public sealed class AccessDeniedException(FormattableString message) : Exception(Said.Chinese(message))
{
    public FormattableString Text { get; } = message;
}

/// <summary>404: the route names a map, KPI or period that does not exist.</summary>
public sealed class NotFoundException(FormattableString message) : Exception(Said.Chinese(message))
{
    public FormattableString Text { get; } = message;
}

/// <summary>412: the edit was based on a version someone else has since changed; nothing was saved.</summary>
public sealed class StaleEditException(FormattableString message, string? changedBy, DateTime? changedAt) : Exception(Said.Chinese(message))
{
    public FormattableString Text { get; } = message;
    public string? ChangedBy { get; } = changedBy;
    public DateTime? ChangedAt { get; } = changedAt;
}

/// <summary>413: the request is larger than the server takes (<c>Scorecard:Uploads:MaxMegabytes</c>); nothing was read into the database.</summary>
public sealed class TooLargeException(long limitBytes)
    : Exception(Said.Chinese(Say(limitBytes)))
{
    static FormattableString Say(long bytes) => $"上傳的內容超過 {bytes / (1024 * 1024)} MB 的上限，未變更任何資料；請分批上傳或縮小檔案。";
    public FormattableString Text => Say(LimitBytes);
    public long LimitBytes { get; } = limitBytes;
}

/// <summary>400: the request's JSON body cannot be read (<see cref="JsonRequests"/>); <see cref="Line"/> is 1-based.</summary>
public sealed class UnreadableBodyException(int line, FormattableString reason) : Exception(Said.Chinese(reason))
{
    public int Line { get; } = line;
    public FormattableString Reason { get; } = reason;
}

/// <summary>429: too many requests from one account or address in a minute; <see cref="RetryAfterSeconds"/> says when to try again.</summary>
public sealed class TooManyRequestsException(int retryAfterSeconds, FormattableString message) : Exception(Said.Chinese(message))
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
    public FormattableString Text { get; } = message;
}

/// <summary>503: the server is holding as much as it may (the import previews); nothing was changed, later will do.</summary>
public sealed class BusyException(FormattableString message) : Exception(Said.Chinese(message))
{
    public FormattableString Text { get; } = message;
}

/// <summary>400: a form or multipart body with more parts, or longer ones, than the server reads (FormOptions); nothing was read into the database.</summary>
public sealed class UnreadableFormException() : Exception(Said.Chinese(Say))
{
    static FormattableString Say => $"表單的欄位或檔案過多、過長，無法讀取，未變更任何資料。";
    public FormattableString Text => Say;
}
