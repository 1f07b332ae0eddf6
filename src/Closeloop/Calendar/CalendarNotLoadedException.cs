namespace Closeloop.Calendar;

/// <summary>
/// A deadline would run past the last year whose official holidays are loaded. Guessing with
/// weekends only would be wrong around the next Spring Festival, so the calendar refuses.
/// </summary>
public sealed class CalendarNotLoadedException(string calendar, DateOnly date, DateOnly lastLoaded)
    : Exception($"calendar '{calendar}' has official dates only up to {lastLoaded:yyyy-MM-dd}; {date:yyyy-MM-dd} needs the next year's State Council notice loaded (presets/calendars)")
{
    public string Calendar { get; } = calendar;

    public DateOnly Date { get; } = date;

    public DateOnly LastLoaded { get; } = lastLoaded;
}
