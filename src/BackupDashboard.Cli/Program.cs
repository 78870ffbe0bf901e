using System.CommandLine;
using BackupDashboard.Cli;
using BackupDashboard.Cli.Commands;

var root = new RootCommand("bdash: InnoDB physical backups, chains and restores (BackupDashboard).");
root.Subcommands.Add(ServerCommands.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

namespace BackupDashboard.Cli
{
    /// <summary>Exit codes shared by every verb, so scripts can tell failures apart.</summary>
    internal static class ExitCodes
    {
        public const int Ok = 0;
        public const int Failed = 1;
        public const int BadInput = 2;
    }
}
