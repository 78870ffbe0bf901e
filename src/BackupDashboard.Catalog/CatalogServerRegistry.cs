using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>The engine's server registry, stored in the catalog with passwords encrypted.</summary>
public sealed class CatalogServerRegistry(IDbContextFactory<CatalogDbContext> contexts, CatalogReads reads, ISecretProtector secrets, TimeProvider clock, ToolPaths tools) : IServerRegistry
{
    public async Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await reads.ServersAsync("1 = 1", null, cancellationToken).ConfigureAwait(false);
        return rows.Select(ToServer).ToList();
    }

    public async Task<RegisteredServer?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var rows = await reads.ServersAsync("Name = $name", ("$name", name), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : ToServer(rows[0]);
    }

    public async Task AddAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        // The hosts check first and answer 400 / exit 2; this is the last line before a folder name.
        ServerName.Require(server.Name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Servers.AnyAsync(s => s.Name == server.Name, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"A server named '{server.Name}' is already registered.");
        }

        db.Servers.Add(new ServerRow
        {
            Name = server.Name,
            Host = server.Host,
            Port = server.Port,
            SocketPath = server.SocketPath,
            User = server.User,
            DataDir = server.DataDir,
            Tool = server.Tool.ToString(),
            ToolPath = server.ToolPath,
            PasswordCipher = string.IsNullOrEmpty(password) ? null : secrets.Protect(password),
            IsSandbox = server.IsSandbox,
            RegisteredAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(RegisteredServer server, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Servers.FirstOrDefaultAsync(s => s.Name == server.Name, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        if (row.IsSandbox)
        {
            throw new InvalidOperationException($"'{row.Name}' is the dashboard's sandbox: it registers it itself, so it is not edited.");
        }

        var tool = server.Tool.ToString();
        if (!string.Equals(row.Tool, tool, StringComparison.Ordinal))
        {
            // A program registered with --tool-path is the old tool's; the new one is looked up as configured.
            row.ToolPath = null;
        }

        row.Host = server.Host;
        row.Port = server.Port;
        row.SocketPath = server.SocketPath;
        row.User = server.User;
        row.DataDir = server.DataDir;
        row.Tool = tool;
        if (!string.IsNullOrEmpty(password))
        {
            row.PasswordCipher = secrets.Protect(password);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // Backups and their records stay; only what would act on the server goes, both or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Servers.Where(s => s.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return false;
        }

        await db.Schedules.Where(s => s.Server == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<string?> GetPasswordAsync(string name, CancellationToken cancellationToken)
    {
        var rows = await reads.ServersAsync("Name = $name", ("$name", name), cancellationToken).ConfigureAwait(false);
        return rows is [{ PasswordCipher: { } cipher }] ? secrets.Unprotect(cipher) : null;
    }

    // A path registered with bdash server add --tool-path wins; otherwise the configured one, otherwise PATH.
    private RegisteredServer ToServer(ServerRow row) => new()
    {
        Name = row.Name,
        Host = row.Host,
        Port = row.Port,
        SocketPath = row.SocketPath,
        User = row.User,
        DataDir = row.DataDir,
        Tool = Enum.Parse<BackupToolKind>(row.Tool),
        ToolPath = row.ToolPath ?? tools.For(Enum.Parse<BackupToolKind>(row.Tool)),
        HasPassword = row.PasswordCipher is not null,
        IsSandbox = row.IsSandbox,
    };
}
