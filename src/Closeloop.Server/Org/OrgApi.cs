using Closeloop.Server.Presets;

namespace Closeloop.Server.Org;

public static class OrgApi
{
    /// <summary>
    /// Maps <c>/api/org</c>: the org tree as data an administrator changes at runtime. One route
    /// group, so that it is guarded in one place.
    /// </summary>
    public static RouteGroupBuilder MapOrg(this IEndpointRouteBuilder routes)
    {
        var org = routes.MapGroup("/api/org").WithTags("Org tree");
        org.AddEndpointFilter(async (context, next) =>
            HttpMethods.IsGet(context.HttpContext.Request.Method)
                ? await next(context)
                : OrgChanges.MayChange(context.HttpContext, context.HttpContext.RequestServices.GetRequiredService<Rulebooks>()) ?? await next(context));
        org.MapGet("/", GetOrgTree.Handle).WithName("GetOrgTree").WithSummary("The org tree new orders are accepted under; the ETag is its rule version");
        org.MapGet("/units/{code}", GetOrgUnit.Handle).WithName("GetOrgUnit").WithSummary("One org unit");
        org.MapPost("/units", CreateOrgUnit.Handle).WithName("CreateOrgUnit").WithSummary("Add a unit below another (If-Match required)");
        org.MapPut("/units/{code}", UpdateOrgUnit.Handle).WithName("UpdateOrgUnit")
            .WithSummary("Change a unit's names, kind, area codes, calendar, office hours and clock limits (If-Match required)");
        org.MapPost("/units/{code}/move", MoveOrgUnit.Handle).WithName("MoveOrgUnit").WithSummary("Move a unit and its subtree below another parent (If-Match required)");
        org.MapDelete("/units/{code}", RemoveOrgUnit.Handle).WithName("RemoveOrgUnit")
            .WithSummary("Remove a unit with no children and no open orders; the reason in the query (If-Match required)");
        org.MapGet("/export", ExportOrg.Handle).WithName("ExportOrg").WithSummary("The org tree as org.yaml (format=yaml) or CSV (format=csv)");
        org.MapPost("/import", ImportOrg.Handle).WithName("ImportOrg")
            .Accepts<string>("application/yaml", "application/x-yaml", "text/yaml", "text/csv", "text/plain", "application/octet-stream")
            .WithSummary("Replace the org tree with a file; dryRun=true answers the diff without storing (If-Match required unless dryRun)");
        return org;
    }
}
