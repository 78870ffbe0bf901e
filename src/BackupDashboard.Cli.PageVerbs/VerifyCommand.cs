using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.InnoDb.Verification;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>bdash verify DIR: every page's checksum; exit 0 only when nothing is bad.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var dir = InnoDbCommandOutput.DirectoryArgument("A backup directory (full or incremental) or a stopped server's datadir.");
        var json = InnoDbCommandOutput.JsonOption();
        var command = new Command("verify", "Check the checksum of every page, including pages inside .delta files.") { dir, json };
        command.SetAction((parse, cancellationToken) => InnoDbCommandOutput.RunAsync(parse, async output =>
        {
            var report = BackupVerifier.Verify(parse.GetValue(dir)!, cancellationToken);
            await output.WriteLineAsync(parse.GetValue(json) ? ToJson(report) : ToText(report)).ConfigureAwait(false);
            return report.IsClean ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static string ToJson(VerifyReport r) => JsonSerializer.Serialize(VerifyJson.From(r), PageVerbsJsonContext.Default.VerifyJson);

    private static string ToText(VerifyReport r)
    {
        var lines = new List<string>();
        if (r.BadPages.Count > 0)
        {
            lines.Add(TextTable.Format(["FILE", "PAGE", "OFFSET", "REASON"],
                r.BadPages.Select(b => (IReadOnlyList<string>)[b.Path, Number(b.PageNo), Number(b.Offset), b.Reason])));
        }

        lines.AddRange(r.TornPages.Select(t => string.Create(CultureInfo.InvariantCulture,
            $"warning: {t.Path} ends mid-page: page {t.PageNo} at offset {t.Offset} has {t.Bytes} of {t.PageSize} bytes (torn last page, not checked)")));
        lines.AddRange(r.Notes.Select(n => $"note: {n.Path}: {n.Message}"));
        lines.AddRange(r.NotCheckable.Select(u => string.Create(CultureInfo.InvariantCulture,
            $"note: {u.Path}: {Number(u.Pages)} pages not checkable ({u.Reason}); not counted as bad")));
        lines.AddRange(r.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"error: {e.Path} at offset {e.Offset}: {e.Message}")));
        var verdict = r.IsClean ? "all good." : string.Create(CultureInfo.InvariantCulture, $"{r.BadPages.Count} bad pages, {r.Errors.Count} unreadable files.");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{Number(r.PagesChecked)} pages checked ({Number(r.ZeroPages)} all-zero, {Number(r.DoublewritePages)} doublewrite copies skipped): {verdict}"));
        return string.Join('\n', lines);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
