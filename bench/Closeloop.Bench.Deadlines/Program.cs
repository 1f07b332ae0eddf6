// Deadline computations per second, one thread, for each unit of the shipped mainland calendar,
// next to a day-by-day walk of the same calendar measured in the same run (the baseline the
// precomputed tables replace). Usage: dotnet run -c Release --project bench/Closeloop.Bench.Deadlines [-- seconds]
using System.Diagnostics;
using System.Globalization;
using Closeloop.Calendar;
using Closeloop.Server.Calendar;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var calendar = CalendarLoader.LoadAll(Path.Combine(AppContext.BaseDirectory, "presets"))["cn"];
var random = new Random(95598);
var first = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
var span = (int)(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(8)) - first).TotalMinutes;
var starts = Enumerable.Range(0, 1 << 16).Select(_ => first.AddMinutes(random.Next(span))).ToArray();
var amounts = Enumerable.Range(0, 1 << 16).Select(_ => random.Next(1, 31)).ToArray();

Console.WriteLine($"calendar {calendar.Id} {calendar.FirstDay:yyyy-MM-dd}..{calendar.LastDay:yyyy-MM-dd}; {seconds} s per case, one thread; amounts 1-30");
Console.WriteLine("| unit | computations/s | day-by-day walk /s | ratio |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var unit in Enum.GetValues<DeadlineUnit>())
{
    var fast = Rate(i => calendar.Due(starts[i], new Period(amounts[i], unit)));
    var walk = unit is DeadlineUnit.WorkingDays ? Rate(i => WalkWorkingDays(calendar, starts[i], amounts[i]))
        : unit is DeadlineUnit.WorkingHours ? Rate(i => WalkWorkingHours(calendar, starts[i], amounts[i]))
        : (double?)null;
    Console.WriteLine($"| {unit} | {fast:N0} | {(walk is { } w ? w.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {(walk is { } b ? $"{fast / b:N1}×" : "—")} |");
}

double Rate(Func<int, DateTimeOffset> due)
{
    // Check both give the same answers before timing them.
    long sink = 0;
    for (var i = 0; i < 50_000; i++)
        sink += due(i & 0xFFFF).UtcTicks;
    var watch = Stopwatch.StartNew();
    long done = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < 4096; i++)
            sink += due((int)(done + i) & 0xFFFF).UtcTicks;
        done += 4096;
    }
    GC.KeepAlive(sink);
    return done / watch.Elapsed.TotalSeconds;
}

// The straightforward way: step a day at a time, asking the calendar about each.
static DateTimeOffset WalkWorkingDays(WorkingDayCalendar calendar, DateTimeOffset start, int days)
{
    var date = calendar.DateOf(start);
    for (var counted = 0; counted < days;)
    {
        date = date.AddDays(1);
        if (calendar.IsWorkingDay(date))
            counted++;
    }
    return calendar.At(date.AddDays(1), TimeOnly.MinValue);
}

// Office hours by walking each day's periods.
static DateTimeOffset WalkWorkingHours(WorkingDayCalendar calendar, DateTimeOffset start, int hours)
{
    var left = TimeSpan.FromHours(hours);
    var local = calendar.Local(start);
    var date = DateOnly.FromDateTime(local.DateTime);
    var time = TimeOnly.FromDateTime(local.DateTime);
    while (true)
    {
        if (calendar.IsWorkingDay(date))
        {
            foreach (var (from, to) in calendar.OfficeHours.Periods)
            {
                if (time >= to)
                    continue;
                var begin = time > from ? time : from;
                var available = to - begin;
                if (left <= available)
                    return calendar.At(date, begin.Add(left));
                left -= available;
                time = to;
            }
        }
        date = date.AddDays(1);
        time = TimeOnly.MinValue;
    }
}
