using Closeloop.Presets;
using Closeloop.Server.Audit;
using Closeloop.Server.Presets;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Closeloop.Server.People;

/// <summary>
/// The first people of a new installation. On the first start (no one in the database) the preset's
/// <c>demo-accounts.yaml</c> gives one account per role; a preset without it gets a single
/// administrator at the root. Passwords are generated then and there, shown once, never stored in clear.
/// </summary>
public static class DemoAccounts
{
    public const string File = "demo-accounts.yaml";

    public sealed record Account(string UserName, string DisplayName, string Unit, IReadOnlyList<string> Roles, string Password);

    private sealed class Document
    {
        public List<AccountDocument>? Accounts { get; set; }
    }

    private sealed class AccountDocument
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Unit { get; set; }
        public List<string>? Roles { get; set; }
    }

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    /// <summary>Creates the first accounts when there are none yet.</summary>
    /// <returns>The accounts made, with their passwords; empty when people existed already.</returns>
    /// <exception cref="PresetException">The demo accounts file names an unknown unit or role.</exception>
    public static async Task<IReadOnlyList<Account>> CreateIfFirstStartAsync(
        CloseloopDb db, Rulebook rulebook, string presetDirectory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
            return [];
        var accounts = Read(Path.Combine(presetDirectory, File), rulebook);
        foreach (var account in accounts)
        {
            db.Users.Add(ManagePeople.New(account.UserName, account.DisplayName, account.Unit, account.Roles, account.Password, now));
            db.Record(AuditTrail.System, null, "person.create", $"person:{account.UserName}", now, $"first start: unit {account.Unit}, roles {string.Join(',', account.Roles)}");
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            // Another node made them at the same moment; its console has the passwords.
            db.ChangeTracker.Clear();
            return [];
        }
        return accounts;
    }

    private static List<Account> Read(string path, Rulebook rulebook)
    {
        if (!System.IO.File.Exists(path))
        {
            var root = rulebook.Org.Units.First(u => u.ParentCode is null).Code;
            return [new Account("admin", "系统管理员", root, ["administrator"], Passwords.Generate())];
        }

        Document? document;
        try
        {
            document = Yaml.Deserialize<Document>(System.IO.File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new PresetException($"{path}: line {e.Start.Line}: {e.Message}");
        }
        var problems = new List<string>();
        var accounts = new List<Account>();
        var items = document?.Accounts ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{path}: accounts[{i}]";
            if (string.IsNullOrWhiteSpace(item.UserName) || string.IsNullOrWhiteSpace(item.DisplayName))
                problems.Add($"{at}: userName and displayName are required");
            if (item.Unit is null || !rulebook.Org.Contains(item.Unit))
                problems.Add($"{at}.unit: unknown org unit '{item.Unit}'");
            foreach (var role in (item.Roles ?? []).Where(r => !rulebook.Roles.ContainsKey(r)))
                problems.Add($"{at}.roles: unknown role '{role}' (known: {string.Join(", ", rulebook.Roles.Keys)})");
            if (item.Roles is null or { Count: 0 })
                problems.Add($"{at}.roles: at least one role is required");
            if (accounts.Any(a => a.UserName == item.UserName))
                problems.Add($"{at}.userName: '{item.UserName}' appears twice");
            accounts.Add(new Account(item.UserName?.ToLowerInvariant() ?? "", item.DisplayName ?? "", item.Unit ?? "", item.Roles ?? [], Passwords.Generate()));
        }
        if (accounts.Count == 0)
            problems.Add($"{path}: accounts: at least one account is required");
        return problems.Count > 0 ? throw new PresetException(string.Join(Environment.NewLine, problems)) : accounts;
    }
}
