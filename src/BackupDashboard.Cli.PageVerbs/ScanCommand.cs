using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.InnoDb.Scanning;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>bdash scan DIR --since-lsn N: what an incremental from N would copy.</summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var dir = InnoDbCommandOutput.DirectoryArgument("A datadir or a backup directory.");
        var since = new Option<ulong>("--since-lsn") { Description = "Count pages whose LSN is greater than this (e.g. the last backup's to_lsn).", Required = true };
        var json = InnoDbCommandOutput.JsonOption();
        var command = new Command("scan", "Count the pages changed since an LSN, per file and in total.") { dir, since, json };
        command.SetAction((parse, cancellationToken) => InnoDbCommandOutput.RunAsync(parse, async output =>
        {
            var report = ChangedPageScanner.Scan(parse.GetValue(dir)!, parse.GetValue(since), cancellationToken);
            await output.WriteLineAsync(parse.GetValue(json) ? ToJson(report) : ToTable(report)).ConfigureAwait(false);
            foreach (var noted in report.Noted)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"note: {noted.Path}: {noted.Note}").ConfigureAwait(false);
            }

            foreach (var failed in report.Failed)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"bdash: {failed.Error}").ConfigureAwait(false);
            }

            return report.Failed.Any() ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    private static string ToJson(ScanReport r) => JsonSerializer.Serialize(ScanJson.From(r), PageVerbsJsonContext.Default.ScanJson);

    private static string ToTable(ScanReport r)
    {
        var rows = r.Files.Select(f => (IReadOnlyList<string>)
        [
            f.Path,
            Number(f.PagesTotal),
            Number(f.PagesChanged),
            Number(f.BytesChanged),
            f.Error ?? "",
        ]);
        var whole = r.MyRocks.Files.Select(f => (IReadOnlyList<string>)[f.Path, "-", "whole file", Number(f.Bytes), ""]);
        var myRocks = r.MyRocks.Any
            ? $"\nMyRocks: {r.MyRocks.Files.Count} files, {Number(r.MyRocks.Bytes)} bytes, copied whole by every backup; {Number(r.BytesToCopy)} bytes to copy in all."
            : "";
        return TextTable.Format(["FILE", "PAGES", "CHANGED", "BYTES_CHANGED", "ERROR"], rows.Concat(whole)) +
            string.Create(CultureInfo.InvariantCulture, $"\nSince LSN {r.SinceLsn}: {Number(r.PagesChanged)} of {Number(r.PagesTotal)} pages changed ({Number(r.BytesChanged)} bytes).") + myRocks;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
