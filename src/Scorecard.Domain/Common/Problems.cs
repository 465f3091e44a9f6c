namespace Scorecard.Domain.Common;

/// <summary>
/// The step asked for does not fit the state things are in (a period not open, a submission
/// already approved). The message says which state and what would be allowed.
/// </summary>
public class WorkflowException(FormattableString message) : DomainException(message);

/// <summary>A value a person entered is not acceptable; <see cref="Field"/> names the field, so a form can show the message beside it.</summary>
public class InvalidInputException(string field, FormattableString message) : DomainException(message)
{
    public string Field { get; } = field;
}
