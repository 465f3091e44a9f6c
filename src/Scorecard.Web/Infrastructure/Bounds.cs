using System.Text;
using Scorecard.Domain.Common;

namespace Scorecard.Web.Infrastructure;

/// <summary>
/// The sizes a city's input takes, for every JSON body the API is sent (<see cref="JsonRequests"/>) and the pages' lists
/// (<see cref="Features.Editing.FormText"/>), issue 32 §3: a name, code, unit or any other short field at most
/// <see cref="MaxName"/> characters; a text (mission, vision, narrative, analysis, notes) at most
/// <see cref="MaxText"/>, as the database keeps (<see cref="PrintableText"/>); a list or an object at most
/// <see cref="MaxItems"/> items, but a map's achievement rules (one per KPI, 303 in the city's) <see cref="MaxRules"/>.
/// The city's own files stay far inside (their longest name is 109 characters, their longest list of a kind an edit sends 13).
/// Past a bound the body is refused 422 at its JSON path (<c>coreValues</c>, <c>achievementRules[0].theme</c>) before anything binds it.
/// </summary>
public static class Bounds
{
    public const int MaxName = 200, MaxText = PrintableText.MaxLength, MaxItems = 100, MaxRules = 1_000;

    /// <summary>The fields that hold a name, a code or a word from a short list, and the lists whose items are names.</summary>
    static readonly HashSet<string> ShortFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "name", "email", "role", "organisation", "organization", "theme", "kpi", "objective", "perspective",
        "perspectiveOrder", "parentCode", "parent", "from", "to", "group", "label", "symbol", "level", "period", "status",
        "rounding", "deadline", "change", "unit", "direction", "threshold", "frequency", "aggregation", "computedFrom",
        "leadUnit", "lowerIsBetter", "password", "coreValues", "coUnits", "owners", "coOwners", "aliases",
    };

    static int ItemsOf(string? list) => string.Equals(list, "achievementRules", StringComparison.OrdinalIgnoreCase) ? MaxRules : MaxItems;

    static int LengthOf(string? field) => field is not null && ShortFields.Contains(field) ? MaxName : MaxText;

    public static FormattableString TooLong(int length, int max) => $"文字長 {length} 字，超過上限 {max} 字。";

    public static FormattableString TooMany(int max) => $"清單有 {max + 1} 項以上，超過上限 {max} 項。";

    /// <summary>A text of a page's form, checked as the API's: <paramref name="field"/> names it in the refusal.</summary>
    public static string? Text(string? text, string field)
    {
        if (text is not null && text.Length > LengthOf(field))
            throw new InvalidInputException(field, TooLong(text.Length, LengthOf(field)));
        return text;
    }

    /// <summary>A page's list (names in one box, a line each), checked as the API's.</summary>
    public static List<string> List(List<string> items, string field)
    {
        if (items.Count > ItemsOf(field))
            throw new InvalidInputException(field, TooMany(ItemsOf(field)));
        for (var i = 0; i < items.Count; i++)
            if (items[i].Length > LengthOf(field))
                throw new InvalidInputException($"{field}[{i}]", TooLong(items[i].Length, LengthOf(field)));
        return items;
    }

    /// <summary>Where a reader of a JSON body is, token by token: counts each list's items and each object's fields, and names the place.</summary>
    public sealed class Path
    {
        sealed class Frame(bool array, string? key)
        {
            public bool Array { get; } = array;
            /// <summary>The property name this object or list sits under (its nearest), for the bound of its texts and items.</summary>
            public string? Key { get; } = key;
            public int Count { get; set; }
            public string? Name { get; set; }
        }

        readonly List<Frame> frames = [];

        /// <summary>A value starts (a text, a number, an object, a list): in a list, one more item.</summary>
        public void Value()
        {
            if (frames.Count == 0 || !frames[^1].Array)
                return;
            var list = frames[^1];
            list.Count++;
            if (list.Count > ItemsOf(list.Key))
                throw new InvalidInputException(Here(withCurrent: false), TooMany(ItemsOf(list.Key)));
        }

        public void Enter(bool array) => frames.Add(new Frame(array, frames.Count == 0 ? null : frames[^1].Array ? frames[^1].Key : frames[^1].Name));

        public void Leave() => frames.RemoveAt(frames.Count - 1);

        public void Name(string name)
        {
            var o = frames[^1];
            o.Count++;
            if (o.Count > MaxItems)
                throw new InvalidInputException(Here(withCurrent: false), TooMany(MaxItems));
            o.Name = name;
            if (name.Length > MaxName)
                throw new InvalidInputException(Here(withCurrent: false), TooLong(name.Length, MaxName));
        }

        public void Text(string text)
        {
            var field = frames.Count == 0 ? null : frames[^1].Array ? frames[^1].Key : frames[^1].Name;
            if (text.Length > LengthOf(field))
                throw new InvalidInputException(Here(withCurrent: true), TooLong(text.Length, LengthOf(field)));
        }

        /// <summary>The JSON path of the list or object being read, or of the value in it just read: <c>achievementRules[0].theme</c>.</summary>
        string Here(bool withCurrent)
        {
            var path = new StringBuilder();
            var last = withCurrent ? frames.Count : frames.Count - 1;
            for (var i = 0; i < last; i++)
            {
                var f = frames[i];
                if (f.Array)
                    path.Append('[').Append(f.Count - 1).Append(']');
                else
                    path.Append(path.Length == 0 ? "" : ".").Append(f.Name);
            }
            return path.Length == 0 ? "body" : path.ToString();
        }
    }
}
