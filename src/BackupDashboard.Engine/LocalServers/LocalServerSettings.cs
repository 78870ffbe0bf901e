namespace BackupDashboard.Engine.LocalServers;

/// <summary>
/// How a local server starts beyond where its files are: which program, which server options,
/// as which user, and whether it may skip the grant tables (a restored datadir's root may have a
/// password or unix_socket authentication that this process cannot satisfy).
/// </summary>
public sealed record LocalServerSettings
{
    public static readonly LocalServerSettings Default = new();

    /// <summary>The server program; null means mariadbd from PATH or /usr/sbin.</summary>
    public string? Program { get; init; }

    /// <summary>
    /// Option-file lines (<c>name=value</c>) after the small-footprint defaults, so they win. They go
    /// into a 0600 option file, never onto the command line: a key file's password may be among them.
    /// A new datadir is initialized with them too (innodb_page_size is fixed when it is created).
    /// </summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>The user the server runs as when this process is root (mariadbd --user); null means root.</summary>
    public string? RunAs { get; init; }

    /// <summary>
    /// No grant tables and no TCP listener: only the socket, in a folder of ours, reaches it.
    /// For a datadir that came from elsewhere, whose accounts this process does not know.
    /// </summary>
    public bool Private { get; init; }
}
