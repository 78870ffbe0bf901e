namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Finds the backup an operator named: its id, or server/id. Every backup made now has an id
/// no other backup in the repository has; a repository written before that may hold one id
/// under two servers, and then the bare id is refused with the names that tell them apart,
/// never resolved to either (docs/formats/manifest.md, "Backup ids").
/// </summary>
public static class BackupLookup
{
    /// <summary>The backup, or null when none has that name.</summary>
    /// <exception cref="AmbiguousBackupIdException">Several servers hold a backup with the bare id given.</exception>
    public static async Task<BackupRecord?> FindAsync(this IBackupCatalog catalog, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(reference);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var server = slash < 0 ? null : reference[..slash];
        var id = slash < 0 ? reference : reference[(slash + 1)..];
        var found = (await catalog.FindByIdAsync(id, cancellationToken).ConfigureAwait(false))
            .Where(b => server is null || b.Server == server).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new AmbiguousBackupIdException(id, found.Select(NameOf).ToList()),
        };
    }

    /// <summary>server/id: a name for the backup that no other backup can have.</summary>
    public static string NameOf(BackupRecord backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return $"{backup.Server}/{backup.Id}";
    }
}

/// <summary>A bare backup id that more than one server's folder holds.</summary>
public sealed class AmbiguousBackupIdException(string id, IReadOnlyList<string> names)
    : Exception($"The backup id '{id}' is held by {names.Count} servers: name one of {string.Join(", ", names)}.")
{
    public IReadOnlyList<string> Names { get; } = names;
}
