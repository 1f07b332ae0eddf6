namespace Closeloop.People;

/// <summary>
/// What a role may do beyond the lifecycle actions it lists (its <c>may</c> in the preset). The server
/// checks these; docs/PRESETS.md lists them.
/// </summary>
public enum Right
{
    /// <summary>See and list the orders of the person's own subtree.</summary>
    ReadOrders,

    /// <summary>Accept a request as a new work order (受理).</summary>
    AcceptOrders,

    /// <summary>Be shown a customer's unmasked name, phone and address on any order in the subtree (the view is logged).</summary>
    RevealCustomer,

    /// <summary>Urge (催办) an order in the subtree.</summary>
    Urge,

    /// <summary>Put an order in the subtree under formal supervision (督办).</summary>
    Supervise,

    /// <summary>Read counts, on-time rates and other figures of the subtree.</summary>
    ReadReports,

    /// <summary>Change the org tree.</summary>
    ManageOrg,

    /// <summary>Create people, give them roles, lock and unlock them, in the subtree.</summary>
    ManagePeople,

    /// <summary>Read the audit trail and the personal-data access log.</summary>
    ReadAudit,

    /// <summary>
    /// Read, check and replace the preset's rules (types, clocks, roles, routing). The rules apply to the
    /// whole tree, so only a person at the root unit may make a changed preset current.
    /// </summary>
    ManageRules,
}
