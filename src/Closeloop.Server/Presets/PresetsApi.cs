namespace Closeloop.Server.Presets;

public static class PresetsApi
{
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/plain", "application/octet-stream"];

    /// <summary>
    /// Maps <c>/api/presets</c>: the preset's rules as files an administrator reads, checks and
    /// replaces at runtime. Each change is a new rule version; orders keep the one they were accepted under.
    /// </summary>
    public static RouteGroupBuilder MapPresets(this IEndpointRouteBuilder routes)
    {
        var presets = routes.MapGroup("/api/presets").WithTags("Presets");
        presets.MapGet("/", GetPreset.Handle).WithName("GetPreset").WithSummary("The files of the rule version in force; the ETag is its rule version");
        presets.MapPost("/check", CheckPreset.Handle).WithName("CheckPreset")
            .Accepts<string>(YamlTypes[0], YamlTypes[1..])
            .WithSummary("Check a changed preset.yaml (the body) with the current org.yaml; answers the problems, or what it would change");
        presets.MapPut("/", ApplyPreset.Handle).WithName("ApplyPreset")
            .Accepts<string>(YamlTypes[0], YamlTypes[1..])
            .WithSummary("Make a changed preset.yaml (the body) current for new orders; reason in the query, If-Match required");
        return presets;
    }
}
