namespace Closeloop.Calendar;

/// <summary>An amount of time in a unit, e.g. 4 working days or 20 minutes.</summary>
public readonly record struct Period
{
    /// <summary>A year of days, or its equivalent: beyond it a limit is a typing mistake, not a rule.</summary>
    public const int MaxAmount = 366 * 24 * 60;

    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive or is absurdly large.</exception>
    public Period(int amount, DeadlineUnit unit)
    {
        if (amount is < 1 or > MaxAmount)
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"a period is 1 to {MaxAmount}");
        if (!Enum.IsDefined(unit))
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown unit");
        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public DeadlineUnit Unit { get; }

    public override string ToString() => $"{Amount} {Unit}";
}
