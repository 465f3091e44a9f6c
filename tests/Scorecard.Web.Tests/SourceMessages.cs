using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Scorecard.Testing;

namespace Scorecard.Web.Tests;

/// <summary>
/// The messages our code writes for staff, found in the sources the way the compiler sees them: every
/// Chinese interpolated string that becomes a FormattableString (an exception's, a warning's, a reason),
/// keyed by the format the words table is keyed by (「找不到機關「{0}」。」), and the Chinese words that
/// fill their holes from literals (「{(list ? "陣列" : "物件")}」, a `what` such as 「策略目標名稱」).
/// </summary>
static class SourceMessages
{
    public sealed record Found(string Where, string Key);

    static readonly string[] Projects = ["Scorecard.Domain", "Scorecard.Interchange", "Scorecard.Data", "Scorecard.Web"];

    public static IReadOnlyList<Found> All()
    {
        var trees = Projects
            .SelectMany(p => Directory.GetFiles(Path.Combine(Repository.Root, "src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), path: f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, new CSharpParseOptions(LanguageVersion.Preview)))
            .ToList();
        // Bound against the framework and the packages the product runs with (they sit beside this test).
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(f => !Projects.Any(p => Path.GetFileName(f).StartsWith(p + ".", StringComparison.Ordinal)))
            .DistinctBy(Path.GetFileName)
            .Select(f => MetadataReference.CreateFromFile(f));
        var compilation = CSharpCompilation.Create("Messages", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var found = new List<Found>();
        foreach (var tree in trees.Where(t => t.FilePath.Length > 0))
        {
            var model = compilation.GetSemanticModel(tree);
            var where = Path.GetRelativePath(Repository.Root, tree.FilePath);
            foreach (var text in tree.GetRoot().DescendantNodes().OfType<InterpolatedStringExpressionSyntax>())
            {
                if (!HasChinese(text) || !IsMessage(model, text))
                    continue;
                found.Add(new Found($"{where}:{Line(text)}", Format(text)));
                foreach (var hole in text.Contents.OfType<InterpolationSyntax>())
                    found.AddRange(Words(model, hole.Expression).Select(w => new Found($"{where}:{Line(w)}", w.Token.ValueText)));
            }
            // A word named by the caller, then said inside a message (Required(…, "策略目標名稱") → 「缺{what}。」).
            foreach (var argument in tree.GetRoot().DescendantNodes().OfType<ArgumentSyntax>())
                if (argument.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } word && HasChinese(word)
                    && model.GetOperation(argument) is IArgumentOperation { Parameter.Name: "what" })
                    found.Add(new Found($"{where}:{Line(word)}", word.Token.ValueText));
        }
        return found;
    }

    /// <summary>
    /// The Chinese words a hole can hold: literals written in it, or returned by the method it calls or
    /// given to the local it reads (Label(action) → 「開放填報」, 「送出」 …).
    /// </summary>
    static IEnumerable<LiteralExpressionSyntax> Words(SemanticModel model, ExpressionSyntax hole)
    {
        var places = new List<SyntaxNode> { hole };
        foreach (var node in hole.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
            if (node is InvocationExpressionSyntax or IdentifierNameSyntax
                && model.GetSymbolInfo(node).Symbol is { } symbol && symbol is IMethodSymbol or ILocalSymbol { Type.SpecialType: SpecialType.System_String })
                places.AddRange(symbol.DeclaringSyntaxReferences.Select(r => r.GetSyntax()));
        return places.SelectMany(p => p.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>())
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression) && HasChinese(l) && l.Parent is not InterpolationSyntax { Parent: InterpolatedStringExpressionSyntax })
            .Distinct();
    }

    /// <summary>What the SDK adds to every file (ImplicitUsings in Directory.Build.props), so FormattableString binds.</summary>
    const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    /// <summary>Chinese words, or Chinese punctuation (「{0}」→「{1}」, （{0}）：), which English writes otherwise.</summary>
    static bool HasChinese(SyntaxNode node) => node.ToString().Any(c => c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff01' and <= '\uff5e');

    static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>Becomes a FormattableString: by conversion, by a cast, or as a hole of an outer message.</summary>
    static bool IsMessage(SemanticModel model, InterpolatedStringExpressionSyntax text)
    {
        if (model.GetTypeInfo(text).ConvertedType?.ToDisplayString() == "System.FormattableString")
            return true;
        SyntaxNode node = text;
        while (node.Parent is ParenthesizedExpressionSyntax or ConditionalExpressionSyntax)
        {
            if (node.Parent is ConditionalExpressionSyntax choice && node != choice.Condition
                && (model.GetTypeInfo(choice).ConvertedType?.ToDisplayString() == "System.FormattableString" || IsCast(model, choice.WhenTrue) || IsCast(model, choice.WhenFalse)))
                return true;
            node = node.Parent;
        }
        return IsCast(model, node.Parent);
    }

    static bool IsCast(SemanticModel model, SyntaxNode? node) =>
        node is CastExpressionSyntax cast && model.GetTypeInfo(cast.Type).Type?.ToDisplayString() == "System.FormattableString";

    /// <summary>The format the compiler gives the FormattableString: the text, and each hole numbered with its alignment and format.</summary>
    static string Format(InterpolatedStringExpressionSyntax text)
    {
        var format = new StringBuilder();
        var hole = 0;
        foreach (var part in text.Contents)
        {
            if (part is InterpolatedStringTextSyntax literal)
                format.Append(literal.TextToken.ValueText);   // braces stay doubled, as in the compiled format
            else if (part is InterpolationSyntax interpolation)
            {
                format.Append('{').Append(hole++);
                if (interpolation.AlignmentClause is { } alignment)
                    format.Append(',').Append(alignment.Value);
                if (interpolation.FormatClause is { } clause)
                    format.Append(':').Append(clause.FormatStringToken.ValueText);
                format.Append('}');
            }
        }
        return format.ToString();
    }
}
