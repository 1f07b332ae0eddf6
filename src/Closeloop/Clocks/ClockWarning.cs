namespace Closeloop.Clocks;

/// <summary>
/// When a clock warns (预警): at a share of its business time, or a number of its units before it is due.
/// </summary>
public sealed record ClockWarning
{
    private ClockWarning(int? percent, int? before)
    {
        Percent = percent;
        Before = before;
    }

    /// <summary>Warn when this share of the allowed time is used, 1–99.</summary>
    public int? Percent { get; }

    /// <summary>Warn this many of the clock's units (minutes, hours, days) before it is due.</summary>
    public int? Before { get; }

    public static ClockWarning AtPercent(int percent) =>
        percent is >= 1 and <= 99 ? new(percent, null) : throw new ArgumentOutOfRangeException(nameof(percent), percent, "a warning is at 1 to 99 %");

    public static ClockWarning UnitsBefore(int before) =>
        before >= 1 ? new(null, before) : throw new ArgumentOutOfRangeException(nameof(before), before, "a warning comes at least one unit before the due");

    /// <summary>The business time after the start at which the clock warns; null when the warning would come at or before the start.</summary>
    public TimeSpan? After(TimeSpan allowed, TimeSpan unitLength)
    {
        var after = Percent is { } percent ? allowed * percent / 100 : allowed - (unitLength * Before!.Value);
        return after > TimeSpan.Zero ? after : null;
    }
}
