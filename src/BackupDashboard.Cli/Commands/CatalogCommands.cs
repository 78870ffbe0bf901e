using System.CommandLine;

namespace BackupDashboard.Cli.Commands;

/// <summary>bdash catalog rebuild: the catalog is an index of the manifests on disk.</summary>
internal static class CatalogCommands
{
    public static Command Create()
    {
        var rebuild = new Command("rebuild", "Recreate the backups catalog from the manifests in the repository.");
        rebuild.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var found = host.Repository.ReadAll();
            await host.Backups.ReplaceAllAsync(found.Backups, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Indexed {found.Backups.Count} backup(s) from {host.Repository.Root}.").ConfigureAwait(false);
            foreach (var note in found.Notes)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"note: {note}").ConfigureAwait(false);
            }

            foreach (var problem in found.Problems)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"skipped: {problem}").ConfigureAwait(false);
            }

            return found.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        var catalog = new Command("catalog", "The catalog of backups.");
        catalog.Subcommands.Add(rebuild);
        return catalog;
    }
}
