using System.Collections.Concurrent;
using Closeloop.Presets;
using Closeloop.Server.Audit;
using Closeloop.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Closeloop.Server.Presets;

/// <summary>
/// The rulebook new orders are accepted under, and the older ones that existing orders keep: an
/// order always follows the rule version it was accepted under. Which version is current lives in
/// the database (<see cref="RuleVersionChange"/>), so every node follows a change made on any of
/// them (decision 0007).
/// </summary>
public sealed class Rulebooks(LoadedPreset disk, IReadOnlyCollection<string>? knownCalendars = null)
{
    private readonly ConcurrentDictionary<string, LoadedPreset> _byVersion = new() { [disk.Rulebook.RuleVersion] = disk };
    private readonly Lock _adopting = new();
    private volatile InForce _inForce = new(disk, null);

    /// <summary>The preset as read from disk at start-up.</summary>
    public LoadedPreset DiskPreset => disk;

    public LoadedPreset CurrentPreset => _inForce.Preset;

    public Rulebook Current => CurrentPreset.Rulebook;

    /// <summary>Who made the current version current, when and why; null before start-up stored it.</summary>
    public RuleVersionChange? CurrentChange => _inForce.Change;

    /// <summary>The calendars a changed preset may name.</summary>
    public IReadOnlyCollection<string>? KnownCalendars => knownCalendars;

    /// <summary>The rulebook of <paramref name="ruleVersion"/>, read back from the stored preset when it is not the current one.</summary>
    public async Task<Rulebook> GetAsync(string ruleVersion, CloseloopDb db, CancellationToken cancellationToken) =>
        (await GetPresetAsync(ruleVersion, db, cancellationToken)).Rulebook;

    /// <summary>The files and rulebook of <paramref name="ruleVersion"/>.</summary>
    public async Task<LoadedPreset> GetPresetAsync(string ruleVersion, CloseloopDb db, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue(ruleVersion, out var preset))
            return preset;
        var stored = await db.RuleVersions.AsNoTracking().SingleAsync(v => v.Id == ruleVersion, cancellationToken);
        preset = PresetLoader.Parse(stored.Preset, StorageJson.Read<Dictionary<string, string>>(stored.Files));
        return _byVersion.GetOrAdd(ruleVersion, preset);
    }

    /// <summary>
    /// At start-up: keeps the rules changed at runtime while the preset on disk is the one they were
    /// changed from; a preset on disk that differs from it (another version, other content, another
    /// preset) becomes current instead. Either way the org tree is copied into <c>org_units</c>.
    /// </summary>
    public async Task StartAsync(CloseloopDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var diskVersion = disk.Rulebook.RuleVersion;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 10)
                throw new InvalidOperationException("Could not store the current rule version: other nodes kept changing it during start-up.");
            var latest = await LatestAsync(db, cancellationToken);
            if (latest is not null && latest.DiskRuleVersion == diskVersion)
            {
                await AdoptAsync(db, latest, cancellationToken);
                if (await SaveAsync(db, CurrentPreset, change: null, now, cancellationToken))
                    return;
                continue;
            }
            var change = new RuleVersionChange
            {
                Sequence = (latest?.Sequence ?? 0) + 1,
                RuleVersion = diskVersion,
                PreviousRuleVersion = latest?.RuleVersion,
                DiskRuleVersion = diskVersion,
                Actor = "preset",
                At = now,
                Reason = latest is null
                    ? $"loaded from the preset files of {disk.Rulebook.Preset}"
                    : $"the preset files on disk ({diskVersion}) differ from those the current rules came from ({latest.DiskRuleVersion})",
            };
            // Another node starting at the same moment stored it first: read what it stored.
            if (await SaveAsync(db, disk, change, now, cancellationToken))
            {
                await db.RecordNowAsync(AuditTrail.System, null, "rules.load", $"rules:{diskVersion}", now, change.Reason, cancellationToken);
                return;
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> current for new orders, if the current version is still
    /// <paramref name="expected"/>; false when another change got there first.
    /// </summary>
    public async Task<bool> ChangeAsync(
        CloseloopDb db, LoadedPreset next, string expected, string actor, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(db, cancellationToken);
        if (latest is null || latest.RuleVersion != expected)
            return false;
        var change = new RuleVersionChange
        {
            Sequence = latest.Sequence + 1,
            RuleVersion = next.Rulebook.RuleVersion,
            PreviousRuleVersion = latest.RuleVersion,
            DiskRuleVersion = latest.DiskRuleVersion,
            Actor = actor,
            At = now,
            Reason = reason,
        };
        return await SaveAsync(db, next, change, now, cancellationToken);
    }

    /// <summary>Follows a change another node made; one cheap read when nothing changed.</summary>
    public async Task RefreshAsync(CloseloopDb db, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(db, cancellationToken);
        if (latest is not null && latest.Sequence > (_inForce.Change?.Sequence ?? 0))
            await AdoptAsync(db, latest, cancellationToken);
    }

    private static Task<RuleVersionChange?> LatestAsync(CloseloopDb db, CancellationToken cancellationToken) =>
        db.RuleVersionChanges.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);

    private async Task AdoptAsync(CloseloopDb db, RuleVersionChange change, CancellationToken cancellationToken)
    {
        var preset = await GetPresetAsync(change.RuleVersion, db, cancellationToken);
        Adopt(preset, change);
    }

    private void Adopt(LoadedPreset preset, RuleVersionChange change)
    {
        // Refreshes and changes may finish out of order: only ever move forward.
        lock (_adopting)
        {
            if (change.Sequence > (_inForce.Change?.Sequence ?? 0))
                _inForce = new InForce(preset, change);
        }
    }

    // Stores the rule version, the change that makes it current and the org tree in one transaction;
    // false when a unique key shows that another node or request changed the rules first.
    private async Task<bool> SaveAsync(CloseloopDb db, LoadedPreset preset, RuleVersionChange? change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rulebook = preset.Rulebook;
        if (!await db.RuleVersions.AnyAsync(v => v.Id == rulebook.RuleVersion, cancellationToken))
        {
            db.RuleVersions.Add(new StoredRuleVersion
            {
                Id = rulebook.RuleVersion,
                Preset = rulebook.Preset,
                Version = rulebook.Version,
                Files = StorageJson.Write(preset.Files),
                FirstLoadedAt = now,
            });
        }
        if (change is not null)
            db.RuleVersionChanges.Add(change);

        // A removed unit keeps its row: older orders still name it.
        var stored = await db.OrgUnits.ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var unit in rulebook.Org.Units)
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
            row.Path = string.Join('/', rulebook.Org.PathOf(unit.Code));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
        db.ChangeTracker.Clear();
        _byVersion.TryAdd(rulebook.RuleVersion, preset);
        if (change is not null)
            Adopt(preset, change);
        return true;
    }

    private sealed record InForce(LoadedPreset Preset, RuleVersionChange? Change);
}
