namespace Closeloop.Problems;

/// <summary>
/// Every kind of field problem, one code per kind, not per field: the API answers with it and each
/// front end words it in its own language. Only <see cref="Problem"/>'s factories use these, so the
/// arguments of a code are always the same; the pages' resources hold <c>Problem_&lt;code&gt;</c>
/// for every constant here, which a test checks.
/// </summary>
public static class ProblemCode
{
    public const string Required = "required";

    public const string MaxLength = "maxLength";

    public const string MinLength = "minLength";

    public const string Length = "length";

    public const string NoNul = "noNul";

    public const string OneOf = "oneOf";

    public const string Range = "range";

    public const string MaxCount = "maxCount";

    public const string NotNegative = "notNegative";

    public const string NotBefore = "notBefore";

    public const string NotBoth = "notBoth";

    public const string Format = "format";

    public const string NotAField = "notAField";

    public const string InvalidJson = "invalidJson";

    public const string WrongJsonType = "wrongJsonType";

    public const string PhoneNumber = "phoneNumber";

    public const string AreaCode = "areaCode";

    public const string LocalTime = "localTime";

    public const string Sha256 = "sha256";

    public const string ETag = "etag";

    public const string Cursor = "cursor";

    public const string UserNameFormat = "userNameFormat";

    public const string WrongPassword = "wrongPassword";

    public const string Taken = "taken";

    public const string UnknownUnit = "unknownUnit";

    public const string OutsideScope = "outsideScope";

    public const string OutsideReach = "outsideReach";

    public const string BelowItself = "belowItself";

    public const string NotInUnit = "notInUnit";

    public const string AlreadyVisited = "alreadyVisited";

    public const string NotSuggested = "notSuggested";

    public const string NotSentOn = "notSentOn";

    public const string NoSubtypes = "noSubtypes";

    public const string NotGraded = "notGraded";

    public const string HoldsNoUnit = "holdsNoUnit";

    public const string NotInFuture = "notInFuture";

    public const string BeforePreviousStep = "beforePreviousStep";

    public const string UnderSupervision = "underSupervision";

    public const string NotAFilter = "notAFilter";

    public const string EmptyFile = "emptyFile";

    public const string Rule = "rule";
}
