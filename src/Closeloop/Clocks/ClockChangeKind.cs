namespace Closeloop.Clocks;

/// <summary>What happened to a clock in one step of an order's history.</summary>
public enum ClockChangeKind
{
    Started,
    Paused,
    Resumed,
    Stopped,

    /// <summary>The order reached a unit that counts the clock tighter or in another calendar: its due was recomputed from the start.</summary>
    Relimited,

    /// <summary>A provisional clock was counted again once the holiday notice its due needed was loaded.</summary>
    Recounted,
    Warned,
    Breached,
}
