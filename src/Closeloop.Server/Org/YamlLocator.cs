using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Closeloop.Server.Org;

/// <summary>Finds the line and column of a loader path such as <c>units[0].children[2].rules.calendar</c> in a YAML text.</summary>
internal static partial class YamlLocator
{
    /// <summary><c>line 12, column 9</c> of the deepest node of <paramref name="path"/> the text has; null when the text cannot be read.</summary>
    public static string? Find(string text, string path) =>
        Mark(text, path) is { } mark ? $"line {mark.Line}, column {mark.Column}" : null;

    /// <summary>The line and column (from 1) of the deepest node of <paramref name="path"/> the text has; null when the text cannot be read.</summary>
    public static (int Line, int Column)? Mark(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return null;
        }
        if (stream.Documents.Count == 0)
            return null;
        var node = stream.Documents[0].RootNode;
        foreach (Match segment in Segment().Matches(path))
        {
            YamlNode? next = segment.Groups["index"].Success
                ? node is YamlSequenceNode list && int.TryParse(segment.Groups["index"].ValueSpan, out var i) && i < list.Children.Count ? list.Children[i] : null
                : node is YamlMappingNode map ? map.Children.FirstOrDefault(p => p.Key is YamlScalarNode key && key.Value == segment.Groups["key"].Value).Value : null;
            if (next is null)
                break;
            node = next;
        }
        return ((int)node.Start.Line, (int)node.Start.Column);
    }

    [GeneratedRegex(@"(?<key>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
