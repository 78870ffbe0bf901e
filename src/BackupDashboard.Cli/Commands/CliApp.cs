using System.CommandLine;

namespace BackupDashboard.Cli.Commands;

/// <summary>The bdash command tree, runnable in-process with its own output writers (tests use this).</summary>
internal static class CliApp
{
    public static Command CreateRoot()
    {
        var root = BdashRoot.Create();
        root.Subcommands.Add(ServerCommands.Create());
        foreach (var command in PageVerbCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        foreach (var command in BackupCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(CatalogCommands.Create());
        root.Subcommands.Add(ScheduleCommands.Create());
        root.Subcommands.Add(JobCommands.Create());
        root.Subcommands.Add(RehearsalCommands.Create());
        root.Subcommands.Add(RetentionCommands.Create());
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(AuditCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var exitCode = await BdashRoot.RunAsync(CreateRoot(), args, new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken).ConfigureAwait(false);
        if (CliAudit.Changes(args))
        {
            await CliAudit.RecordAsync(args, exitCode).ConfigureAwait(false);
        }

        return exitCode;
    }
}
