namespace Closeloop.Clocks;

/// <summary>What of an order picks its amount when a limit differs by case.</summary>
public enum ClockLimitKey
{
    CustomerClass,
    Grade,
    Subtype,
}
