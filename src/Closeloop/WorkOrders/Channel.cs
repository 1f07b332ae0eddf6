namespace Closeloop.WorkOrders;

/// <summary>How a request reached the utility (受理渠道).</summary>
public enum Channel
{
    Phone,
    Website,
    App,
    WeChat,
    Sms,
    Letter,
    Fax,
    WalkIn,

    /// <summary>Transferred from a government hotline: 12345, the mayor's hotline.</summary>
    GovernmentHotline,
    Media,
    Api,
}
