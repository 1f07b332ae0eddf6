using System.Collections.Concurrent;
using Closeloop.Presets;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Presets;

/// <summary>
/// The rulebook new orders are accepted under, and the older ones that existing orders keep: an
/// order always follows the rule version it was accepted under.
/// </summary>
public sealed class Rulebooks(LoadedPreset current)
{
    private readonly ConcurrentDictionary<string, Rulebook> _byVersion = new() { [current.Rulebook.RuleVersion] = current.Rulebook };

    public LoadedPreset CurrentPreset { get; } = current;

    public Rulebook Current => CurrentPreset.Rulebook;

    /// <summary>The rulebook of <paramref name="ruleVersion"/>, read back from the stored preset when it is not the current one.</summary>
    public async Task<Rulebook> GetAsync(string ruleVersion, CloseloopDb db, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue(ruleVersion, out var rulebook))
            return rulebook;
        var stored = await db.RuleVersions.AsNoTracking().SingleAsync(v => v.Id == ruleVersion, cancellationToken);
        rulebook = PresetLoader.Parse(stored.Preset, StorageJson.Read<Dictionary<string, string>>(stored.Files)).Rulebook;
        return _byVersion.GetOrAdd(ruleVersion, rulebook);
    }

    /// <summary>Stores the current rule version and org tree, so orders and reports can refer to them.</summary>
    public async Task StoreCurrentAsync(CloseloopDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await db.RuleVersions.AnyAsync(v => v.Id == Current.RuleVersion, cancellationToken))
        {
            db.RuleVersions.Add(new StoredRuleVersion
            {
                Id = Current.RuleVersion,
                Preset = Current.Preset,
                Version = Current.Version,
                Files = StorageJson.Write(CurrentPreset.Files),
                FirstLoadedAt = now,
            });
        }

        var stored = await db.OrgUnits.ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var unit in Current.Org.Units)
        {
            if (!stored.TryGetValue(unit.Code, out var row))
            {
                row = new StoredOrgUnit { Code = unit.Code, NameZh = "", NameEn = "", AreaCodes = "", Path = "" };
                db.OrgUnits.Add(row);
            }
            row.ParentCode = unit.ParentCode;
            row.Kind = unit.Kind;
            row.NameZh = unit.Name.Zh;
            row.NameEn = unit.Name.En;
            row.AreaCodes = string.Join(',', unit.AreaCodes);
            row.Path = string.Join('/', Current.Org.PathOf(unit.Code));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            // Another node starting at the same moment stored the same rules first.
            db.ChangeTracker.Clear();
        }
    }
}
