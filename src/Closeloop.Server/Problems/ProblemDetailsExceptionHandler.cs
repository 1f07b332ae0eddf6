using System.Text.Json;
using System.Text.RegularExpressions;
using Closeloop.Calendar;
using Closeloop.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Closeloop.Server.Problems;

/// <summary>
/// Turns what escapes an endpoint into problem+json. A request the framework could not read is the
/// client's mistake and names the field; anything else is a bug and says no more than that.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => Invalid(FieldOf(json.Path), Describe(json)),
            BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } failure =>
                Invalid(CamelCase(failure.Groups["name"].Value), Format(failure.Groups["value"].Value, failure.Groups["type"].Value.TrimEnd('?'))),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => Invalid("body", (Problem.Required, "a JSON body is required")),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            // Not the caller's mistake, and not a bug: the operator must load next year's official calendar.
            CalendarNotLoadedException missing => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A deadline needs a calendar year that is not loaded",
                Detail = missing.Message,
            },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on the server; it has been logged" },
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
            log.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails Invalid(string field, (Problem Problem, string Text) problem)
    {
        var errors = new FieldErrors();
        errors.Add(field, problem.Problem, problem.Text);
        return errors.ToDetails();
    }

    private static (Problem, string) Format(string value, string type) => (Problem.Format(value, type), $"'{value}' is not a valid {type}");

    // "$.customer.phone" → "customer.phone"; "$" (the whole body) → "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("""Failed to bind parameter "(?<type>[^ "]+) (?<name>\w+)" from "(?<value>[^"]*)"\.""")]
    private static partial Regex BindFailure();

    private static (Problem, string) Describe(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? (Problem.NotAField, "is not a field of this request")
        : json.Path is null or "$" ? (Problem.InvalidJson, "the body is not valid JSON")
        : (Problem.WrongJsonType, "has the wrong JSON type or is malformed");
}
