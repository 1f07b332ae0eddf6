using Closeloop.Server.Audit;
using Closeloop.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.People;

/// <summary>
/// How access is refused, and the record of it. A role that may not do something gets 403; something
/// outside the person's subtree is answered 404 as if it did not exist. Both are logged and written
/// to the audit trail by <see cref="AuditRefusalsAsync"/>, once the answer is known.
/// </summary>
public static class Refusals
{
    private const string HiddenKey = "closeloop:hidden";

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    /// <summary>Answers <paramref name="notFound"/> for something that exists outside the person's subtree, and records the attempt.</summary>
    public static ProblemHttpResult Hidden(HttpContext http, string subject, ProblemHttpResult notFound)
    {
        http.Items[HiddenKey] = subject;
        return notFound;
    }

    /// <summary>Middleware: after each request, logs and audits a refusal (403, or a 404 that hid something).</summary>
    public static async Task AuditRefusalsAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        var forbidden = http.Response.StatusCode == StatusCodes.Status403Forbidden;
        var hidden = http.Items[HiddenKey] as string;
        if (!forbidden && hidden is null || http.User.Identity?.IsAuthenticated != true)
            return;

        var actor = http.User.Identity.Name!;
        var subject = hidden ?? $"{http.Request.Method} {http.Request.Path}";
        http.RequestServices.GetRequiredService<ILogger<AuditEntry>>()
            .LogWarning("Access refused: {Actor} {Method} {Path} ({Outcome})", actor, http.Request.Method, http.Request.Path, hidden is null ? "forbidden" : "outside subtree");
        var db = http.RequestServices.GetRequiredService<CloseloopDb>();
        db.ChangeTracker.Clear();
        await db.RecordNowAsync(
            actor, http.User.FindFirst(Claims.Unit)?.Value, "access.denied", Clip(subject), http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            hidden is null ? $"forbidden: {http.Request.Method} {http.Request.Path}" : $"outside subtree: {http.Request.Method} {http.Request.Path}",
            CancellationToken.None);
    }

    private static string Clip(string subject) => subject.Length > 200 ? subject[..200] : subject;
}
