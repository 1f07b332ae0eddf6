namespace Closeloop.Server.Web;

/// <summary>Where a page may send the browser back to: only a path of this server, never another site.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) ? url : "/";
}
