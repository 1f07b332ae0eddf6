namespace Closeloop.Server.Web;

/// <summary>
/// The pages' words: <c>Text.resx</c> holds the Chinese (the default), <c>Text.en.resx</c> the English.
/// Business names (roles, units) come from the preset's labels instead.
/// </summary>
public sealed class Text;
