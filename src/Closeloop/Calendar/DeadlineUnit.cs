namespace Closeloop.Calendar;

/// <summary>What a deadline counts in.</summary>
public enum DeadlineUnit
{
    /// <summary>Wall-clock minutes, 24/7 (the hotline's dispatch limits).</summary>
    Minutes,

    /// <summary>Wall-clock hours, 24/7.</summary>
    Hours,

    /// <summary>Calendar days (自然日); the start day is not counted and the period ends at 24:00 of its last day.</summary>
    NaturalDays,

    /// <summary>Working days (工作日): weekends and holidays skipped, adjusted working weekends counted; civil-law counting as for natural days.</summary>
    WorkingDays,

    /// <summary>Office hours on working days only.</summary>
    WorkingHours,
}
