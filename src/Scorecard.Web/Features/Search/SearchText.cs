using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Scorecard.Web.Features.Search;

/// <summary>
/// Text as people type it matched against text as the documents print it. The seeds write PM₂ꓸ₅ (subscript digits and
/// a Lisu tone letter for the point) and CO₂; people type PM2.5, or ＰＭ２．５ with a Chinese input method. The words
/// asked for are compatibility-normalised (NFKC: full-width and sub/superscript characters become plain ones) and the
/// stored text is folded in the database by the same table, so that the search still runs there, not over every KPI.
/// </summary>
public static class SearchText
{
    /// <summary>What NFKC leaves alone or the database cannot normalise: each character and what it reads as.</summary>
    static readonly (string From, string To)[] Folds =
    [
        .. "₀₁₂₃₄₅₆₇₈₉".Select((c, i) => (c.ToString(), i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        .. "⁰¹²³⁴⁵⁶⁷⁸⁹".Select((c, i) => (c.ToString(), i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ("ꓸ", "."), ("．", "."), ("₊", "+"), ("₋", "-"),
    ];

    /// <summary>A word asked for, as it is compared: NFKC, folded and in capitals (codes and Latin names match in any case).</summary>
    public static string Word(string word)
    {
        var text = word.Normalize(NormalizationForm.FormKC);
        foreach (var (from, to) in Folds)
            text = text.Replace(from, to, StringComparison.Ordinal);
        return text.ToUpperInvariant();
    }

    /// <summary>A marker for <see cref="Expand{T}"/>: the stored text folded and in capitals, in the database's own functions.</summary>
    public static string Folded(string text) => throw new NotSupportedException("Folded is translated by SearchText.Expand, inside a query.");

    /// <summary>The predicate with every <see cref="Folded"/> written out as REPLACE(…) and UPPER(…), which both databases run.</summary>
    public static Expression<Func<T, bool>> Expand<T>(Expression<Func<T, bool>> predicate) => (Expression<Func<T, bool>>)new Expander().Visit(predicate);

    static readonly MethodInfo FoldedMethod = typeof(SearchText).GetMethod(nameof(Folded))!;
    static readonly MethodInfo Replace = typeof(string).GetMethod(nameof(string.Replace), [typeof(string), typeof(string)])!;
    static readonly MethodInfo Upper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;

    sealed class Expander : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != FoldedMethod)
                return base.VisitMethodCall(node);
            var text = Visit(node.Arguments[0]);
            foreach (var (from, to) in Folds)
                text = Expression.Call(text, Replace, Expression.Constant(from), Expression.Constant(to));
            return Expression.Call(text, Upper);
        }
    }
}
