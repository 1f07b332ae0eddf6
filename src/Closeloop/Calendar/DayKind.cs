namespace Closeloop.Calendar;

/// <summary>What a date is in a working-day calendar.</summary>
public enum DayKind
{
    /// <summary>Monday to Friday, not a holiday.</summary>
    WorkingDay,

    /// <summary>Saturday or Sunday with no adjustment.</summary>
    Weekend,

    /// <summary>A public holiday (法定节假日), including the weekend days inside a holiday period.</summary>
    Holiday,

    /// <summary>A Saturday or Sunday made a working day by the State Council's adjustment (调休上班).</summary>
    AdjustedWorkingDay,
}
