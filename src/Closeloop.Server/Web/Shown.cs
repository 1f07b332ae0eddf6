using System.Globalization;
using System.Text.RegularExpressions;
using Closeloop.Presets;
using Closeloop.Problems;
using Microsoft.Extensions.Localization;

namespace Closeloop.Server.Web;

/// <summary>How business names and instants appear on a page, in the person's language and the preset's time zone.</summary>
public static partial class Shown
{
    public static bool InChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string Label(Label label) => InChinese ? label.Zh : label.En;

    public static string Unit(Rulebook rulebook, string code) => rulebook.Org.Find(code) is { } unit ? Label(unit.Name) : code;

    public static string Role(Rulebook rulebook, string code) => rulebook.Roles.TryGetValue(code, out var role) ? Label(role.Label) : code;

    public static string Roles(Rulebook rulebook, IEnumerable<string> codes) => string.Join(InChinese ? "、" : ", ", codes.Select(c => Role(rulebook, c)));

    public static string Type(Rulebook rulebook, string code) => rulebook.Types.TryGetValue(code, out var type) ? Label(type.Label) : code;

    /// <summary>A status by the first lifecycle that names it: lists mix orders of every lifecycle.</summary>
    public static string Status(Rulebook rulebook, string code) =>
        rulebook.Lifecycles.Values.SelectMany(l => l.Statuses).FirstOrDefault(s => s.Code == code) is { } status ? Label(status.Label) : code;

    /// <summary>The start of a long text, for a list row.</summary>
    public static string Excerpt(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    public static string Time(Rulebook rulebook, DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, rulebook.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A field problem in the page's language: the words for its code (<c>Problem_&lt;code&gt;</c>) with
    /// the <c>{name}</c> arguments filled in, or the use case's English when no words are written for it.
    /// </summary>
    public static string Problem(IStringLocalizer<Text> text, Rulebook rulebook, Problem problem, string english) =>
        text[$"Problem_{problem.Code}"] is { ResourceNotFound: false } words
            ? Argument().Replace(words.Value, m => problem.Args.TryGetValue(m.Groups["name"].Value, out var arg) ? Argument(rulebook, arg) : m.Value)
            : english;

    private static string Argument(Rulebook rulebook, object arg) => arg switch
    {
        string value => value,
        IEnumerable<string> codes => string.Join(InChinese ? "、" : ", ", codes),
        DateTimeOffset at => Time(rulebook, at),
        _ => Convert.ToString(arg, CultureInfo.CurrentCulture) ?? "",
    };

    [GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial Regex Argument();

    /// <summary>The units of <paramref name="root"/>'s subtree in tree order, each with its depth below the root.</summary>
    public static IEnumerable<(string Code, int Depth)> Subtree(Rulebook rulebook, string root)
    {
        var org = rulebook.Org;
        var rootDepth = org.PathOf(root).Count;
        return org.SubtreeOf(root)
            .Select(code => (Path: org.PathOf(code), Code: code))
            .OrderBy(u => string.Join('\u0001', u.Path), StringComparer.Ordinal)
            .Select(u => (u.Code, u.Path.Count - rootDepth));
    }
}
