using Scorecard.Domain.Common;

namespace Scorecard.Domain.Maps;

/// <summary>構面: the rows of a strategy map.</summary>
public sealed record Perspective(string Code, string NameZh, string NameEn)
{
    public static readonly Perspective Customer = new("C", "顧客", "Customer");
    public static readonly Perspective InternalProcess = new("P", "內部流程", "Internal process");
    public static readonly Perspective LearningGrowth = new("L", "學習成長", "Learning & growth");
    public static readonly Perspective Financial = new("F", "財務", "Financial");

    /// <summary>The order the city's documents print the rows in.</summary>
    public static readonly IReadOnlyList<Perspective> All = [Customer, InternalProcess, LearningGrowth, Financial];

    public const string DefaultOrder = "CPLF";

    public static Perspective Parse(string code) =>
        All.FirstOrDefault(p => p.Code == code)
        ?? throw new DomainException($"構面「{code}」不是 C（顧客）、P（內部流程）、L（學習成長）或 F（財務）。");

    public static IReadOnlyList<Perspective> InOrder(string order) => order.Select(c => Parse(c.ToString())).ToList();
}
