namespace Scorecard.Domain.Common;

/// <summary>A rule of the domain was broken. The message is for the city's staff (zh-TW).</summary>
public class DomainException(string message) : Exception(message);
