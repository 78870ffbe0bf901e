using System.CommandLine;

namespace BackupDashboard.Cli.Commands;

/// <summary>The bdash command tree, runnable in-process with its own output writers (tests use this).</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("bdash: InnoDB physical backups, chains and restores (BackupDashboard).");
        root.Subcommands.Add(ServerCommands.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ScanCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        foreach (var command in BackupCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(CatalogCommands.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        CreateRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
}
