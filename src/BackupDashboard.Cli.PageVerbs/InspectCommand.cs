using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.InnoDb.Inspection;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>bdash inspect DIR: a backup's checkpoints, tool and delta page counts, without reading pages.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var dir = InnoDbCommandOutput.DirectoryArgument("A backup directory (full or incremental).");
        var json = InnoDbCommandOutput.JsonOption();
        var command = new Command("inspect", "Show a backup's type, LSN range, tool and delta pages.") { dir, json };
        command.SetAction((parse, cancellationToken) => InnoDbCommandOutput.RunAsync(parse, async output =>
        {
            var inspection = await Task.Run(() => BackupInspection.Inspect(parse.GetValue(dir)!), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(parse.GetValue(json) ? ToJson(inspection) : ToTable(inspection)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string ToJson(BackupInspection b) => JsonSerializer.Serialize(InspectJson.From(b), PageVerbsJsonContext.Default.InspectJson);

    private static string ToTable(BackupInspection b)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"backup_type  {b.Checkpoints.BackupType}\nfrom_lsn     {b.Checkpoints.FromLsn}\nto_lsn       {b.Checkpoints.ToLsn}\nlast_lsn     {b.Checkpoints.LastLsn}\ntool         {b.Info?.ToolName} {b.Info?.ToolVersion}\ndelta_pages  {b.DeltaPages}\nnew_tablespace_pages  {b.NewTablespacePages}\npages_copied {b.PagesCopied}\n\n");
        var rows = b.Files.Select(f => (IReadOnlyList<string>)
        [
            f.Path,
            f.Kind,
            (f.DeltaPages ?? f.NewTablespacePages)?.ToString(CultureInfo.InvariantCulture) ?? "-",
            f.PageSize?.ToString(CultureInfo.InvariantCulture) ?? "-",
            f.Bytes.ToString("N0", CultureInfo.InvariantCulture),
        ]);
        return head + TextTable.Format(["FILE", "KIND", "PAGES_COPIED", "PAGE_SIZE", "BYTES"], rows);
    }
}
