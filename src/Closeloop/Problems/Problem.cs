namespace Closeloop.Problems;

/// <summary>
/// What is wrong with one field (校验提示), as a <see cref="ProblemCode"/> and its named arguments, so
/// that each front end words it in its own language; the English wording travels beside it.
/// </summary>
/// <remarks>
/// The factories are the only way to make one: a code always comes with the same arguments, which
/// the resources' <c>{name}</c> placeholders rely on.
/// </remarks>
public sealed record Problem
{
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>();

    private Problem(string code, IReadOnlyDictionary<string, object> args) => (Code, Args) = (code, args);

    public string Code { get; }

    /// <summary>Strings, numbers, instants, or lists of codes.</summary>
    public IReadOnlyDictionary<string, object> Args { get; }

    public static Problem Required { get; } = new(ProblemCode.Required, None);

    public static Problem NoNul { get; } = new(ProblemCode.NoNul, None);

    public static Problem NotNegative { get; } = new(ProblemCode.NotNegative, None);

    public static Problem NotAField { get; } = new(ProblemCode.NotAField, None);

    public static Problem InvalidJson { get; } = new(ProblemCode.InvalidJson, None);

    public static Problem WrongJsonType { get; } = new(ProblemCode.WrongJsonType, None);

    public static Problem Sha256 { get; } = new(ProblemCode.Sha256, None);

    public static Problem ETag { get; } = new(ProblemCode.ETag, None);

    public static Problem Cursor { get; } = new(ProblemCode.Cursor, None);

    public static Problem UserNameFormat { get; } = new(ProblemCode.UserNameFormat, None);

    public static Problem WrongPassword { get; } = new(ProblemCode.WrongPassword, None);

    public static Problem NotSentOn { get; } = new(ProblemCode.NotSentOn, None);

    public static Problem NotInFuture { get; } = new(ProblemCode.NotInFuture, None);

    public static Problem BeforePreviousStep { get; } = new(ProblemCode.BeforePreviousStep, None);

    public static Problem NotAFilter { get; } = new(ProblemCode.NotAFilter, None);

    public static Problem EmptyFile { get; } = new(ProblemCode.EmptyFile, None);

    public static Problem MaxLength(int max, int length) => With(ProblemCode.MaxLength, ("max", max), ("length", length));

    public static Problem MinLength(int min) => With(ProblemCode.MinLength, ("min", min));

    /// <summary>A text's length out of bounds.</summary>
    public static Problem Length(int min, int max) => With(ProblemCode.Length, ("min", min), ("max", max));

    public static Problem OneOf(string value, IEnumerable<string> known) => With(ProblemCode.OneOf, ("value", value), ("known", known.ToList()));

    /// <summary>A number out of bounds.</summary>
    public static Problem Range(int min, int max) => With(ProblemCode.Range, ("min", min), ("max", max));

    public static Problem MaxCount(int max) => With(ProblemCode.MaxCount, ("max", max));

    /// <summary>A later bound before the earlier one, the field <paramref name="other"/>.</summary>
    public static Problem NotBefore(string other) => With(ProblemCode.NotBefore, ("other", other));

    /// <summary>Given together with <paramref name="other"/>, which excludes it.</summary>
    public static Problem NotBoth(string other) => With(ProblemCode.NotBoth, ("other", other));

    /// <summary>A value the field's <paramref name="type"/> cannot hold.</summary>
    public static Problem Format(string value, string type) => With(ProblemCode.Format, ("value", value), ("type", type));

    public static Problem PhoneNumber(string value) => With(ProblemCode.PhoneNumber, ("value", value));

    public static Problem AreaCode(string value) => With(ProblemCode.AreaCode, ("value", value));

    public static Problem LocalTime(string value) => With(ProblemCode.LocalTime, ("value", value));

    /// <summary>A user name or unit code someone already has.</summary>
    public static Problem Taken(string value) => With(ProblemCode.Taken, ("value", value));

    public static Problem UnknownUnit(string value) => With(ProblemCode.UnknownUnit, ("value", value));

    /// <summary>A unit outside the person's part of the organisation.</summary>
    public static Problem OutsideScope(string value) => With(ProblemCode.OutsideScope, ("value", value));

    /// <summary>A unit outside <paramref name="root"/>'s subtree, the reach an order may be sent on within.</summary>
    public static Problem OutsideReach(string value, string root) => With(ProblemCode.OutsideReach, ("value", value), ("root", root));

    /// <summary>A new parent inside the subtree of the unit that moves.</summary>
    public static Problem BelowItself(string value) => With(ProblemCode.BelowItself, ("value", value));

    /// <summary>An assignee who does not work in the order's <paramref name="unit"/> or below it.</summary>
    public static Problem NotInUnit(string value, string unit) => With(ProblemCode.NotInUnit, ("value", value), ("unit", unit));

    /// <summary>A unit the order has been with before.</summary>
    public static Problem AlreadyVisited(string value) => With(ProblemCode.AlreadyVisited, ("value", value));

    /// <summary>Another unit than routing suggests, chosen without a reason.</summary>
    public static Problem NotSuggested(string value, string suggested, string rule) =>
        With(ProblemCode.NotSuggested, ("value", value), ("suggested", suggested), ("rule", rule));

    /// <summary>A field the business <paramref name="type"/> has no use for.</summary>
    public static Problem NoSubtypes(string type) => With(ProblemCode.NoSubtypes, ("type", type));

    public static Problem NotGraded(string type) => With(ProblemCode.NotGraded, ("type", type));

    /// <summary>A unit named with a <paramref name="finding"/> of no responsibility (无责), which holds none.</summary>
    public static Problem HoldsNoUnit(string finding) => With(ProblemCode.HoldsNoUnit, ("finding", finding));

    public static Problem UnderSupervision(DateTimeOffset since) => With(ProblemCode.UnderSupervision, ("since", since));

    /// <summary>A rule of the preset files the change breaks; its wording is the loader's.</summary>
    public static Problem Rule(string detail) => With(ProblemCode.Rule, ("detail", detail));

    private static Problem With(string code, params (string Name, object Value)[] args) =>
        new(code, args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));
}
