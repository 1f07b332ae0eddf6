namespace Closeloop.Server.Org;

/// <summary>
/// The answer to a change of the org tree: the rule version now current (the new one, or the same
/// when nothing changed), what changed, and the unit the request was about.
/// </summary>
internal sealed record OrgChanged(string RuleVersion, bool Changed, OrgDiff Diff, OrgUnitView? Unit);
