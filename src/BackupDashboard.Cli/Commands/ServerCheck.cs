using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Cli.Commands;

/// <summary>What the per-server verbs (schedule, retention) check first: a name that is one, of a registered server.</summary>
internal static class ServerCheck
{
    /// <summary>Null when the server is registered; otherwise exit code 2, with why on stderr.</summary>
    public static async Task<int?> RegisteredAsync(CliHost host, string name, TextWriter error, CancellationToken cancellationToken)
    {
        if (ServerName.Problem(name) is { } bad)
        {
            await error.WriteLineAsync($"bdash: {bad}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (await host.Servers.FindAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            await error.WriteLineAsync($"bdash: No server '{name}' is registered.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return null;
    }
}
