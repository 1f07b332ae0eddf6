namespace Closeloop.Server.Problems;

/// <summary>Collects what is wrong with a request, field by field, for a 400 problem+json answer.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string problem)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(problem);
    }

    /// <summary>The value, or an error for <paramref name="field"/> when it is missing or blank.</summary>
    public string? Required(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            return value.Trim();
        Add(field, "is required");
        return null;
    }

    /// <summary>An error when <paramref name="value"/> is longer than <paramref name="max"/> characters, or holds a NUL no database stores.</summary>
    public string? MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
            Add(field, $"must be at most {max} characters (is {value.Length})");
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            Add(field, "must not contain NUL (U+0000) characters");
        return value;
    }

    /// <summary>The code if it is one of <paramref name="known"/>, else an error listing them.</summary>
    public string? OneOf(string field, string? value, IEnumerable<string> known, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, "is required");
            return null;
        }
        var list = known.ToList();
        if (list.Contains(value))
            return value;
        Add(field, $"unknown value '{value}' (known: {string.Join(", ", list)})");
        return null;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "The request has invalid fields");
}
