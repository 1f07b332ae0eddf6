namespace Closeloop.Clocks;

/// <summary>Where a deadline clock stands.</summary>
public enum ClockState
{
    /// <summary>Counting, the warning point not yet reached.</summary>
    Running,

    /// <summary>Counting, past the warning point (预警).</summary>
    Warned,

    /// <summary>Past its due: still counting when not yet stopped, or stopped late (超时).</summary>
    Breached,

    /// <summary>Stopped counting while the order waits (e.g. for the customer); keeps the business time left.</summary>
    Paused,

    /// <summary>Stopped in time (按时).</summary>
    Met,
}
