using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Scorecard.Testing;

/// <summary>A file made wrong on purpose, and how (to say which one broke something).</summary>
public sealed record MutatedFile(string Name, byte[] Content, string Mutation)
{
    public override string ToString() => $"{Name} ({Mutation})";
}

/// <summary>
/// Seeded, repeatable bad input for the import (issue 11 §1): interchange JSON and BSC workbooks
/// mutated the ways files go wrong in the hands of people and programs — cut short, types swapped,
/// huge strings, deep nesting, duplicate keys, invalid UTF-8, unknown periods, absurd numbers,
/// control characters in codes; broken zips, zip bombs, missing sheets, formulas and errors in
/// cells, a million rows. The same seed gives the same files.
/// </summary>
public static class MutatedFiles
{
    /// <summary><paramref name="count"/> mutations of the base interchange file, named fuzz-0000.json …</summary>
    public static IReadOnlyList<MutatedFile> Json(byte[] original, int count, int seed)
    {
        var text = Encoding.UTF8.GetString(original);
        var kinds = JsonMutations();
        var files = new List<MutatedFile>(count);
        for (var i = 0; i < count; i++)
        {
            var random = new Random(seed * 100_003 + i);
            var (kind, mutate) = kinds[i % kinds.Length];
            var content = mutate(text, random);
            files.Add(new MutatedFile($"fuzz-{i:0000}.json", content, kind));
        }
        return files;
    }

    static (string, Func<string, Random, byte[]>)[] JsonMutations() =>
    [
        ("truncated", (t, r) => Utf8(t[..r.Next(t.Length)])),
        ("type swapped", (t, r) => Node(t, r, (n, r) => ReplaceAny(n, r, OtherType))),
        ("huge string", (t, r) => Node(t, r, (n, r) => ReplaceString(n, r, _ => new string('長', r.Next(10_001, 300_000))))),
        ("deep nesting", (t, r) => Utf8(t.Insert(t.IndexOf('{') + 1, "\"deep\": " + new string('[', 100_000) + new string(']', 100_000) + ","))),
        ("duplicate key", (t, r) => Utf8(DuplicateKey(t, r))),
        ("invalid UTF-8", (t, r) => InvalidUtf8(Utf8(t), r)),
        ("unknown period", (t, r) => Node(t, r, (n, r) => ReplaceNamed(n, r, "period", _ => Pick(r, "Q5", "H3", "2019", "", " Q1", "Ｑ１", "Y2", "q0")))),
        ("absurd number", (t, r) => Node(t, r, (n, r) => ReplaceNumber(n, r, _ => JsonValue.Create(Pick(r, -1m, -99999999m, 7.9e28m, 1e-28m, 0m, 1e15m + 1, -1e20m, 123456789012345678m))))),
        ("astronomic literal", (t, r) => Utf8(ReplaceNumberText(t, r, Pick(r, "1e400", "-1e400", "1e308", "NaN", "Infinity", "0x10", "1_000", "01", "-", "1e", ".5")))),
        ("control character in a code", (t, r) => Node(t, r, (n, r) => ReplaceNamed(n, r, Pick(r, "code", "objective", "theme", "name", "owners"),
            v => JsonValue.Create((v?.ToString() ?? "") + Pick(r, "\u0000", "\u001b[31m", "\u202e", "\t", "\n", "\u0007", "\ud800", "\uffff"))))),
        ("removed", (t, r) => Node(t, r, (n, r) => Remove(n, r))),
        ("bytes flipped", (t, r) => Flip(Utf8(t), r)),
        ("repeated element", (t, r) => Node(t, r, (n, r) => RepeatElement(n, r))),
        ("not an interchange file", (_, r) => Utf8(Pick(r, "", " ", "\uFEFF", "null", "[]", "42", "\"map\"", "{}", "{\"planYear\": 112}", "true", "[{}]"))),
        ("untouched", (t, _) => Utf8(t)),
    ];

    /// <summary>
    /// An interchange file cut to its first KPIs and their action plans: every kind of fact (themes,
    /// objectives, KPIs with figures and statuses, plans) in a file small enough to import a thousand times.
    /// </summary>
    public static byte[] FirstKpisOf(string json, int kpiCount)
    {
        var map = JsonNode.Parse(json)!;
        var kpis = map["kpis"]!.AsArray().Take(kpiCount).Select(k => k!.DeepClone()).ToList();
        var codes = kpis.Select(k => (string)k!["code"]!).ToHashSet();
        var plans = map["actionPlans"]!.AsArray().Where(p => codes.Contains((string)p!["kpi"]!)).Select(p => p!.DeepClone()).ToList();
        map["kpis"] = new JsonArray([.. kpis]);
        map["actionPlans"] = new JsonArray([.. plans]);
        return Utf8(map.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    // ---- JSON helpers ------------------------------------------------------------------------------

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];

    static byte[] Node(string text, Random random, Action<JsonNode, Random> mutate)
    {
        var root = JsonNode.Parse(text)!;
        mutate(root, random);
        return Utf8(root.ToJsonString());
    }

    /// <summary>Every node under the root with the parent that holds it, depth first.</summary>
    static List<(JsonNode? Node, JsonNode Parent, string? Key, int Index)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode?, JsonNode, string?, int)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject o)
                foreach (var (key, child) in o.ToList())
                {
                    slots.Add((child, o, key, -1));
                    if (child is not null) Walk(child);
                }
            else if (node is JsonArray a)
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a[i], a, null, i));
                    if (a[i] is { } child) Walk(child);
                }
        }
        Walk(root);
        return slots;
    }

    static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject o) o[key!] = value;
        else ((JsonArray)parent)[index] = value;
    }

    static void ReplaceWhere(JsonNode root, Random random, Func<(JsonNode? Node, string? Key), bool> where, Func<JsonNode?, JsonNode?> by)
    {
        var slots = Slots(root).Where(s => where((s.Node, s.Key))).ToList();
        if (slots.Count == 0)
            return;
        var (node, parent, key, index) = slots[random.Next(slots.Count)];
        Set(parent, key, index, by(node?.DeepClone()));
    }

    static void ReplaceAny(JsonNode root, Random random, Func<JsonNode?, JsonNode?> by) => ReplaceWhere(root, random, _ => true, by);

    static void ReplaceString(JsonNode root, Random random, Func<JsonNode?, JsonNode?> by) =>
        ReplaceWhere(root, random, s => s.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String, by);

    static void ReplaceNumber(JsonNode root, Random random, Func<JsonNode?, JsonNode?> by) =>
        ReplaceWhere(root, random, s => s.Node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number, by);

    static void ReplaceNamed(JsonNode root, Random random, string name, Func<JsonNode?, JsonNode?> by) =>
        ReplaceWhere(root, random, s => s.Key == name, by);

    static JsonNode? OtherType(JsonNode? node) => node switch
    {
        JsonObject => new JsonArray(),
        JsonArray => new JsonObject(),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(3.5m),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create("九十"),
        null => new JsonObject(),
        _ => JsonValue.Create("true"),
    };

    static void Remove(JsonNode root, Random random)
    {
        var slots = Slots(root);
        var (_, parent, key, index) = slots[random.Next(slots.Count)];
        if (parent is JsonObject o) o.Remove(key!);
        else ((JsonArray)parent).RemoveAt(index);
    }

    static void RepeatElement(JsonNode root, Random random)
    {
        var arrays = Slots(root).Select(s => s.Node).OfType<JsonArray>().Where(a => a.Count > 0).ToList();
        if (arrays.Count == 0)
            return;
        var array = arrays[random.Next(arrays.Count)];
        array.Add(array[random.Next(array.Count)]?.DeepClone());
    }

    /// <summary>A key of some object written twice, the second time with another value.</summary>
    static string DuplicateKey(string text, Random random)
    {
        var keys = new[] { "\"code\": ", "\"name\": ", "\"planYear\": ", "\"period\": ", "\"value\": ", "\"kind\": " }.Where(text.Contains).ToList();
        if (keys.Count == 0)   // a small object (a request body) with none of the interchange's keys: any of its own
            keys = System.Text.RegularExpressions.Regex.Matches(text, "\"[A-Za-z]+\": ").Select(m => m.Value).Distinct().ToList();
        var key = Pick(random, keys.ToArray());
        var at = text.IndexOf(key, StringComparison.Ordinal);
        for (var skip = random.Next(5); skip > 0 && text.IndexOf(key, at + 1, StringComparison.Ordinal) is var next and > 0; skip--)
            at = next;
        return text.Insert(at, key + Pick(random, "\"X9\", ", "0, ", "null, ", "[], ", "\"Q1\", "));
    }

    /// <summary>A stray byte sequence that is not UTF-8, inside a string or between tokens.</summary>
    static byte[] InvalidUtf8(byte[] bytes, Random random)
    {
        byte[] bad = Pick(random, new byte[] { 0xFF }, [0xC3, 0x28], [0xE6, 0x96], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]);
        var at = random.Next(bytes.Length);
        return [.. bytes[..at], .. bad, .. bytes[at..]];
    }

    static byte[] Flip(byte[] bytes, Random random)
    {
        var copy = bytes.ToArray();
        for (var n = random.Next(1, 6); n > 0; n--)
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    /// <summary>A number written as a literal JSON or decimal cannot hold, in the file's text.</summary>
    static string ReplaceNumberText(string text, Random random, string literal)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(text, @"(?<=: )-?\d+(\.\d+)?(?=[,\s}\]])");
        if (matches.Count == 0)
            return text;
        var m = matches[random.Next(matches.Count)];
        return text[..m.Index] + literal + text[(m.Index + m.Length)..];
    }

    // ---- Workbooks ---------------------------------------------------------------------------------

    /// <summary><paramref name="count"/> mutations of the base workbook, named fuzz-0000.xlsx …</summary>
    public static IReadOnlyList<MutatedFile> Workbooks(byte[] original, int count, int seed)
    {
        var kinds = WorkbookMutations();
        var files = new List<MutatedFile>(count);
        for (var i = 0; i < count; i++)
        {
            var random = new Random(seed * 100_003 + i);
            var (kind, mutate) = kinds[i % kinds.Length];
            files.Add(new MutatedFile($"fuzz-{i:0000}.xlsx", mutate(original, random), kind));
        }
        return files;
    }

    static (string, Func<byte[], Random, byte[]>)[] WorkbookMutations() =>
    [
        ("broken zip", (b, r) => b[..r.Next(b.Length)]),
        ("bytes flipped", (b, r) => Flip(b, r)),
        ("zip bomb", (b, _) => Heavy(b, "zip bomb", BombSheet)),
        ("million rows", (b, _) => Heavy(b, "million rows", MillionRows)),
        ("missing sheet", (b, r) => WithoutEntry(b, r, e => e.StartsWith("xl/worksheets/", StringComparison.Ordinal))),
        ("missing part", (b, r) => WithoutEntry(b, r, e => !e.EndsWith(".rels", StringComparison.Ordinal) || r.Next(3) == 0)),
        ("formula in a cell", (b, r) => WithCell(b, r, c => $"<c r=\"{c}\"><f>{Pick(r, "1/0", "SUM(A1:A3)", "HYPERLINK(\"http://evil\",\"x\")", "=cmd|' /C calc'!A0")}</f><v>{Pick(r, "1", "", "#DIV/0!")}</v></c>")),
        ("error in a cell", (b, r) => WithCell(b, r, c => $"<c r=\"{c}\" t=\"e\"><v>{Pick(r, "#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?")}</v></c>")),
        ("text in a cell", (b, r) => WithCell(b, r, c => $"<c r=\"{c}\" t=\"inlineStr\"><is><t>{Pick(r, "九十", "1,2,3", "", "-", "=1+1", "@SUM(1)", "\u0007", new string('長', 40_000), "75%%", "1e400", "Q5")}</t></is></c>")),
        ("number in a cell", (b, r) => WithCell(b, r, c => $"<c r=\"{c}\"><v>{Pick(r, "-1", "1E+300", "7.9E+28", "NaN", "1e-30", "99999999999999999999")}</v></c>")),
        ("bad cell reference", (b, r) => WithCell(b, r, _ => $"<c r=\"{Pick(r, "A0", "0", "ZZZZZZ1", "A99999999999", "1A", "", "XFE1", "A1048577")}\" t=\"inlineStr\"><is><t>x</t></is></c>")),
        ("huge merge", (b, r) => WithSheetText(b, r, s => s.Replace("</sheetData>", "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"" + Pick(r, "A1:XFD1048576", "B2:ZZ99999", "A1:A1048576") + "\"/></mergeCells>", StringComparison.Ordinal))),
        ("shared string out of range", (b, r) => WithCell(b, r, c => $"<c r=\"{c}\" t=\"s\"><v>{Pick(r, "99999", "-1", "x")}</v></c>")),
        ("rows removed", (b, r) => WithSheetText(b, r, s => System.Text.RegularExpressions.Regex.Replace(s, "<row [^>]*>.*?</row>", m => r.Next(4) == 0 ? "" : m.Value))),
        ("not a workbook", (_, r) => Pick(r, Array.Empty<byte>(), Utf8("{ \"planYear\": 110 }"), Utf8("PK"), EmptyZip())),
        ("untouched", (b, _) => b),
    ];

    static byte[] Rezip(byte[] workbook, Func<string, byte[], byte[]?> entry)
    {
        using var input = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var e in input.Entries)
            {
                using var read = e.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                if (entry(e.FullName, buffer.ToArray()) is not { } content)
                    continue;
                using var write = zip.CreateEntry(e.FullName, CompressionLevel.Optimal).Open();
                write.Write(content);
            }
        return output.ToArray();
    }

    static IEnumerable<string> Sheets(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        return zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
    }

    static byte[] WithSheetText(byte[] workbook, Random random, Func<string, string> change)
    {
        var sheets = Sheets(workbook).ToList();
        var sheet = sheets[random.Next(sheets.Count)];
        return Rezip(workbook, (name, content) => name == sheet ? Utf8(change(Encoding.UTF8.GetString(content))) : content);
    }

    static readonly Dictionary<(int, string), byte[]> heavy = [];

    /// <summary>The first sheet replaced by a sheet that takes seconds to make: made once per base workbook.</summary>
    static byte[] Heavy(byte[] workbook, string kind, Func<string> sheetXml)
    {
        lock (heavy)
        {
            var key = (workbook.Length, kind);
            if (!heavy.TryGetValue(key, out var made))
            {
                var sheet = Sheets(workbook).Order(StringComparer.Ordinal).First();
                var xml = Utf8(sheetXml());
                heavy[key] = made = Rezip(workbook, (name, content) => name == sheet ? xml : content);
            }
            return made;
        }
    }

    /// <summary>A random existing cell of a sheet replaced by the given cell XML.</summary>
    static byte[] WithCell(byte[] workbook, Random random, Func<string, string> cell) => WithSheetText(workbook, random, s =>
    {
        var cells = System.Text.RegularExpressions.Regex.Matches(s, "<c r=\"(?<ref>[A-Z]+\\d+)\"[^>]*?(/>|>.*?</c>)");
        if (cells.Count == 0)
            return s;
        var m = cells[random.Next(cells.Count)];
        return s[..m.Index] + cell(m.Groups["ref"].Value) + s[(m.Index + m.Length)..];
    });

    static byte[] WithoutEntry(byte[] workbook, Random random, Func<string, bool> candidate)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).Where(candidate).ToList();
        var gone = names.Count == 0 ? "" : names[random.Next(names.Count)];
        return Rezip(workbook, (name, content) => name == gone ? null : content);
    }

    static byte[] EmptyZip()
    {
        var output = new MemoryStream();
        using (new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true)) { }
        return output.ToArray();
    }

    static string SheetOf(Action<StringBuilder> rows)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        rows(xml);
        return xml.Append("</sheetData></worksheet>").ToString();
    }

    /// <summary>A sheet of a few hundred kilobytes zipped that is 150 MB unzipped.</summary>
    static string BombSheet() => SheetOf(x => x
        .Append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
        .Append(' ', 150 * 1024 * 1024)
        .Append("</t></is></c></row>"));

    /// <summary>1,000,000 rows of one number each: 1,048,576 is all Excel has.</summary>
    static string MillionRows() => SheetOf(x =>
    {
        for (var r = 1; r <= 1_000_000; r++)
            x.Append("<row r=\"").Append(r).Append("\"><c r=\"A").Append(r).Append("\"><v>").Append(r).Append("</v></c></row>");
    });
}
