using Closeloop.Presets;

namespace Closeloop.Calendar;

/// <summary>
/// One line of a deadline's explanation: a day that counted (and which one it was), or a day
/// skipped and why, or the wall-clock span of a minute or hour limit.
/// </summary>
/// <param name="Date">The local date; null for a wall-clock span.</param>
/// <param name="Counted">The business time this step contributed; zero for a skipped day.</param>
/// <param name="Ordinal">For a counted day of a day period: which day of the period it is (1, 2, …).</param>
/// <param name="Reason">The holiday a skipped day belongs to, or the holiday an adjusted working day makes up for.</param>
public sealed record DeadlineStep(DateOnly? Date, DayKind? Kind, TimeSpan Counted, int? Ordinal, Label? Reason, Label Note);
