using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.AspNetCore.Components.Authorization;
using MySqlConnector;

namespace BackupDashboard.Web.Services;

/// <summary>What the Servers page's form holds: a new registration, or the changes to one.</summary>
public sealed class ServerForm
{
    public string? Name { get; set; }
    public bool ViaSocket { get; set; }
    public string? Host { get; set; }
    public int? Port { get; set; } = 3306;
    public string? Socket { get; set; }
    public string? User { get; set; }

    /// <summary>Never filled from the catalog; empty on an edit keeps the stored one.</summary>
    public string? Password { get; set; }
    public string? DataDir { get; set; }
    public BackupToolKind Tool { get; set; } = BackupToolKind.MariaBackup;

    /// <summary>The form for changing <paramref name="server"/>: everything but its password.</summary>
    public static ServerForm Of(RegisteredServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new()
        {
            Name = server.Name, ViaSocket = server.SocketPath is not null, Host = server.Host, Port = server.Port ?? 3306,
            Socket = server.SocketPath, User = server.User, DataDir = server.DataDir, Tool = server.Tool,
        };
    }

    /// <summary>The registration the form asks for: only the way of reaching it that is chosen counts.</summary>
    public RegisteredServer ToServer() => new()
    {
        Name = Name ?? "",
        Host = ViaSocket ? null : Host,
        Port = ViaSocket ? null : Port,
        SocketPath = ViaSocket ? Socket : null,
        User = User!,
        DataDir = DataDir!,
        Tool = Tool,
    };
}

/// <summary>What a change on the Servers page came to; <see cref="Field"/> names the form field at fault.</summary>
public sealed record ServerChange(bool Done, string Message, string? Field = null);

/// <summary>What testing a server from the page found: the report, or why there is none, in plain words.</summary>
public sealed record ServerTestResult(ServerReport? Report, string? Problem);

/// <summary>
/// The Servers page's operations (docs/servers.md). Testing needs an operator; adding, editing
/// and removing need an admin. Each goes through the same checks as the API
/// (<see cref="ServerInput"/>) before anything is stored, and writes its own audit entry
/// (<see cref="PageActions"/>), never with the password.
/// </summary>
internal sealed class ServerAdministration(IServerRegistry registry, IAuditLog audit, AuthenticationStateProvider signedIn,
    Engine.Backups.IBackupCatalog catalog, ServerRemoval removal)
{
    public Task<IReadOnlyList<RegisteredServer>> ListAsync(CancellationToken cancellationToken) => registry.ListAsync(cancellationToken);

    public Task<ServerChange> AddAsync(ServerForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeAsync($"add server {form.Name}", Role.Admin, "Adding a server", () => CheckedAsync(form, async server =>
        {
            await registry.AddAsync(server, form.Password, CancellationToken.None).ConfigureAwait(false);
            return new ServerChange(true, $"Registered {server.Name} ({server.Endpoint}).");
        }));
    }

    public Task<ServerChange> UpdateAsync(ServerForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeAsync($"edit server {form.Name}", Role.Admin, "Editing a server", () => CheckedAsync(form, async server =>
        {
            var kept = string.IsNullOrEmpty(form.Password) ? " The password is unchanged." : " The new password is stored.";
            return await registry.UpdateAsync(server, form.Password, CancellationToken.None).ConfigureAwait(false)
                ? new ServerChange(true, $"Saved {server.Name} ({server.Endpoint}).{kept}")
                : new ServerChange(false, $"No server named '{server.Name}' is registered.");
        }));
    }

    /// <summary>What removing the server with its backups would delete, for the question asked first.</summary>
    public async Task<(int Backups, string Size)> BackupsOfAsync(string name, CancellationToken cancellationToken)
    {
        var backups = await catalog.ListAsync(name, cancellationToken).ConfigureAwait(false);
        return (backups.Count, DisplayFormat.Size(backups.Sum(b => b.Bytes)));
    }

    public Task<ServerChange> RemoveAsync(string name, bool withBackups) =>
        PageActions.ChangeAsync<ServerChange, Engine.Retention.RetentionRefusedException>(signedIn, audit, Role.Admin, "Removing a server",
            withBackups ? $"remove server {name} with its backups" : $"remove server {name}",
            async () =>
            {
                var who = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User.Identity?.Name ?? "?";
                var removed = await removal.RemoveAsync(name, withBackups, $"{who} (web)", CancellationToken.None).ConfigureAwait(false);
                return new ServerChange(removed.Removed, removed.Words);
            },
            refusal => new ServerChange(false, refusal), result => (result.Done, result.Message));

    public async Task<ServerTestResult> TestAsync(string name, CancellationToken cancellationToken)
    {
        ServerReport? report = null;
        var change = await ChangeAsync($"test server {name}", Role.Operator, "Testing a server", async () =>
        {
            if (await registry.FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } server)
            {
                return new ServerChange(false, $"No server named '{name}' is registered.");
            }

            try
            {
                var password = await registry.GetPasswordAsync(name, cancellationToken).ConfigureAwait(false);
                report = await ServerProbe.TestAsync(server, password, await catalog.ListAsync(name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                return new ServerChange(true, report.ReadyForBackups ? "ready for backups" : "reached, not ready for backups");
            }
            catch (MySqlException e)
            {
                return new ServerChange(false, $"Cannot connect to {name} ({server.Endpoint}): {e.Message}");
            }
        }).ConfigureAwait(false);
        return new ServerTestResult(report, change.Done ? null : change.Message);
    }

    /// <summary>A page tracking action (docs/tool-adapters.md, "Page tracking"); admin only, audited like every change.</summary>
    public Task<ServerChange> ChangePageTrackingAsync(string name, PageTrackingAction action) =>
        PageActions.ChangeAsync<ServerChange, PageTrackingRefusedException>(signedIn, audit, Role.Admin, "Changing page tracking",
            $"page tracking {action.ToString().ToLowerInvariant()} on server {name}",
            async () =>
            {
                if (await registry.FindAsync(name, CancellationToken.None).ConfigureAwait(false) is not { } server)
                {
                    return new ServerChange(false, $"No server named '{name}' is registered.");
                }

                try
                {
                    var password = await registry.GetPasswordAsync(name, CancellationToken.None).ConfigureAwait(false);
                    var backups = await catalog.ListAsync(name, CancellationToken.None).ConfigureAwait(false);
                    return new ServerChange(true, (await PageTracking.ChangeAsync(server, password, action, null, backups, CancellationToken.None).ConfigureAwait(false)).Message);
                }
                catch (MySqlException e)
                {
                    return new ServerChange(false, $"{name} ({server.Endpoint}): {e.Message}");
                }
            },
            refusal => new ServerChange(false, refusal), result => (result.Done, result.Message));

    // InvalidOperationException: a name already taken, the sandbox, a password the keys cannot decrypt, said as the engine says it.
    private Task<ServerChange> ChangeAsync(string action, Role needed, string what, Func<Task<ServerChange>> change) =>
        PageActions.ChangeAsync<ServerChange, InvalidOperationException>(signedIn, audit, needed, what, action,
            change, refusal => new ServerChange(false, refusal), result => (result.Done, result.Message));

    /// <summary>Stores the form's registration once it passes the API's checks; otherwise the field at fault, nothing stored.</summary>
    private static async Task<ServerChange> CheckedAsync(ServerForm form, Func<RegisteredServer, Task<ServerChange>> store)
    {
        var server = form.ToServer();
        return ServerInput.Problem(server, form.Password) is var (field, problem)
            ? new ServerChange(false, problem, field)
            : await store(server).ConfigureAwait(false);
    }
}
