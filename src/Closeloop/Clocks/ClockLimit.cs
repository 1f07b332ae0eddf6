using Closeloop.Calendar;
using Closeloop.WorkOrders;

namespace Closeloop.Clocks;

/// <summary>
/// How long a clock allows: one amount in a unit, or an amount per customer class, grade or subtype
/// with <see cref="Amount"/> for any other (a supply plan: resident 3, high-voltage dual source 30 working days).
/// </summary>
public sealed record ClockLimit(DeadlineUnit Unit, int Amount, ClockLimitKey? By, IReadOnlyDictionary<string, int> Amounts)
{
    /// <summary>The period that applies to <paramref name="order"/>.</summary>
    public Period PeriodFor(WorkOrder order)
    {
        var key = By switch
        {
            ClockLimitKey.CustomerClass => order.Customer.Class,
            ClockLimitKey.Grade => order.Grade,
            ClockLimitKey.Subtype => order.Subtype,
            _ => null,
        };
        return new Period(key is not null && Amounts.TryGetValue(key, out var amount) ? amount : Amount, Unit);
    }

    /// <summary>Whether every amount of <paramref name="tighter"/> is at most the one it replaces here.</summary>
    public bool IsTightenedBy(ClockLimit tighter) =>
        tighter.Unit == Unit
        && tighter.Amount <= Amount
        && tighter.Amounts.All(a => a.Value <= Amounts.GetValueOrDefault(a.Key, Amount))
        && Amounts.All(a => tighter.Amounts.GetValueOrDefault(a.Key, tighter.Amount) <= a.Value);
}
