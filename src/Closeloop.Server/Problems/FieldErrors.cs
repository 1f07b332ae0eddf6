using Closeloop.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Closeloop.Server.Problems;

/// <summary>
/// Collects what is wrong with a request, field by field, for a 400 problem+json answer: the English
/// text in <c>errors</c>, as the API always gave it, and each problem's code and arguments in the
/// <c>problems</c> extension, for a front end to word in its own language (decision 0011).
/// </summary>
public sealed class FieldErrors
{
    /// <summary>The problem+json extension that holds the coded problems.</summary>
    public const string Extension = "problems";

    private const string Title = "The request has invalid fields";

    private readonly Dictionary<string, List<(Problem Problem, string Text)>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IEnumerable<string> Fields => _errors.Keys;

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyList<(Problem Problem, string Text)> Of(string field) => _errors.TryGetValue(field, out var list) ? list : [];

    public void Add(string field, Problem problem, string text)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add((problem, text));
    }

    /// <summary>The value, or an error for <paramref name="field"/> when it is missing or blank.</summary>
    public string? Required(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return value.Trim();
        Add(field, Problem.Required, "is required");
        return null;
    }

    /// <summary>An error when <paramref name="value"/> is longer than <paramref name="max"/> characters, or holds a NUL no database stores.</summary>
    public string? MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
            Add(field, Problem.MaxLength(max, value.Length), $"must be at most {max} characters (is {value.Length})");
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            Add(field, Problem.NoNul, "must not contain NUL (U+0000) characters");
        return value;
    }

    /// <summary>The code if it is one of <paramref name="known"/>, else an error listing them.</summary>
    public string? OneOf(string field, string? value, IEnumerable<string> known, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, Problem.Required, "is required");
            return null;
        }
        var list = known.ToList();
        if (list.Contains(value))
            return value;
        Add(field, Problem.OneOf(value, list), $"unknown value '{value}' (known: {string.Join(", ", list)})");
        return null;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(Texts(), title: Title, extensions: new Dictionary<string, object?> { [Extension] = Coded() });

    /// <summary>The same answer, for code that writes problem details itself rather than returning a result.</summary>
    public HttpValidationProblemDetails ToDetails() =>
        new(Texts()) { Status = StatusCodes.Status400BadRequest, Title = Title, Extensions = { [Extension] = Coded() } };

    /// <summary>The field errors of an answer <see cref="ToProblem"/> made, for a page to show under its fields.</summary>
    public static FieldErrors Of(ValidationProblem invalid)
    {
        var errors = new FieldErrors();
        var coded = (Dictionary<string, Problem[]>)invalid.ProblemDetails.Extensions[Extension]!;
        foreach (var (field, texts) in invalid.ProblemDetails.Errors)
        {
            foreach (var (problem, text) in coded[field].Zip(texts))
                errors.Add(field, problem, text);
        }
        return errors;
    }

    private Dictionary<string, string[]> Texts() => _errors.ToDictionary(e => e.Key, e => e.Value.Select(p => p.Text).ToArray(), StringComparer.Ordinal);

    private Dictionary<string, Problem[]> Coded() => _errors.ToDictionary(e => e.Key, e => e.Value.Select(p => p.Problem).ToArray(), StringComparer.Ordinal);
}
