using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Closeloop.Clocks;
using Closeloop.Org;
using Closeloop.People;
using Closeloop.Problems;
using Closeloop.WorkOrders;

namespace Closeloop.Server.Tests.Web;

/// <summary>Every word a page asks for exists in Chinese and in English, so no page shows a bare resource key.</summary>
public sealed partial class TextResourcesTests
{
    [Fact]
    public void Chinese_and_English_have_the_same_words_and_every_word_a_page_uses()
    {
        var chinese = Keys("Text.resx");
        var english = Keys("Text.en.resx");
        var used = Directory.EnumerateFiles(ServerSource(), "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => UsedKey().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Concat(Enum.GetNames<Right>().Select(r => $"Right_{r}"))
            .Concat(Enum.GetNames<OrgUnitKind>().Select(k => $"Kind_{k}"))
            .Concat(Enum.GetNames<Channel>().Select(c => $"Channel_{c}"))
            .Concat(Enum.GetNames<ClockState>().Select(s => $"Order_ClockState_{s}"))
            .Concat(Enum.GetNames<ClockChangeKind>().Select(k => $"Order_ClockChange_{k}"))
            .ToHashSet();

        Assert.Equal(chinese.Order(), english.Order());
        Assert.Empty(used.Except(chinese));
    }

    [Fact]
    public void Every_problem_code_has_words_in_both_languages_that_use_only_its_own_arguments()
    {
        var codes = typeof(ProblemCode).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        var problems = OneOfEachKind().ToList();
        Assert.Equal(codes.Order(), problems.Select(p => p.Code).Order());

        foreach (var file in (string[])["Text.resx", "Text.en.resx"])
        {
            var words = Words(file);
            foreach (var problem in problems)
            {
                Assert.True(words.TryGetValue($"Problem_{problem.Code}", out var text), $"{file} has no Problem_{problem.Code}");
                Assert.Empty(Argument().Matches(text).Select(m => m.Groups[1].Value).Except(problem.Args.Keys));
            }
            Assert.Empty(words.Keys.Where(k => k.StartsWith("Problem_", StringComparison.Ordinal)).Except(problems.Select(p => $"Problem_{p.Code}")));
        }
    }

    // A problem from each of Problem's factories, with stand-in arguments: a code's arguments are the factory's.
    private static IEnumerable<Problem> OneOfEachKind() =>
        typeof(Problem).GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => (Problem)p.GetValue(null)!)
            .Concat(typeof(Problem).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(Problem) && !m.IsSpecialName)
                .Select(m => (Problem)m.Invoke(null, [.. m.GetParameters().Select(p => StandIn(p.ParameterType))])!));

    private static object StandIn(Type type) =>
        type == typeof(int) ? 1
        : type == typeof(string) ? "x"
        : type == typeof(DateTimeOffset) ? DateTimeOffset.UnixEpoch
        : new[] { "x" };

    private static HashSet<string> Keys(string file) => [.. Words(file).Keys];

    private static Dictionary<string, string> Words(string file) =>
        XDocument.Load(Path.Combine(ServerSource(), "Web", file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static string ServerSource([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "src", "Closeloop.Server"));

    [GeneratedRegex("""L\["([A-Za-z_]+)"\]""")]
    private static partial Regex UsedKey();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Argument();
}
