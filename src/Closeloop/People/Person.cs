namespace Closeloop.People;

/// <summary>Someone who works in the organisation: their sign-in name, the unit they belong to and the roles they hold.</summary>
public sealed record Person(string UserName, string DisplayName, string Unit, IReadOnlyList<string> Roles);
