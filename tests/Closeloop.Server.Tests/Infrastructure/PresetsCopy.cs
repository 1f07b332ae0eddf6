namespace Closeloop.Server.Tests.Infrastructure;

/// <summary>A copy of the shipped presets in a temp folder, for tests that change preset files on disk.</summary>
public static class PresetsCopy
{
    /// <summary>The new folder; the caller deletes it.</summary>
    public static string Make()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "presets");
        var target = Directory.CreateTempSubdirectory("closeloop-presets-").FullName;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
