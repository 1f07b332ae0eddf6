using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Closeloop.Clocks;
using Closeloop.Org;
using Closeloop.People;
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

    private static HashSet<string> Keys(string file) =>
        [.. XDocument.Load(Path.Combine(ServerSource(), "Web", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)];

    private static string ServerSource([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "src", "Closeloop.Server"));

    [GeneratedRegex("""L\["([A-Za-z_]+)"\]""")]
    private static partial Regex UsedKey();
}
