using System.Globalization;
using BackupDashboard.InnoDb.Scanning;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// The MyRocks files a backup holds, all copied whole (an incremental holds them whole too:
/// <see cref="MyRocksFiles"/>), and their share of the backup's bytes. Read from the backup's
/// folder each time, never stored (docs/tool-adapters.md, "MyRocks").
/// </summary>
public sealed record MyRocksShare(long Bytes, int Files, double? OfBackup)
{
    /// <summary>Null when the backup's folder is not there or cannot be read (nothing is known, not "none").</summary>
    public static MyRocksShare? Of(BackupRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Directory is null || !Directory.Exists(record.TargetDir))
        {
            return null;
        }

        try
        {
            var files = MyRocksFiles.InBackup(record.TargetDir);
            return new(files.Bytes, files.Files.Count, record.Bytes > 0 ? Math.Min(1.0, (double)files.Bytes / record.Bytes) : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"1.2 MiB in 7 files, 63 % of the backup", or "none" (no MyRocks table, or no MyRocks engine).</summary>
    public string Describe(Func<long, string> size)
    {
        ArgumentNullException.ThrowIfNull(size);
        return Files == 0 ? "none"
            : string.Create(CultureInfo.InvariantCulture, $"{size(Bytes)} in {Files} file{(Files == 1 ? "" : "s")}, copied whole")
                + (OfBackup is { } share ? string.Create(CultureInfo.InvariantCulture, $": {share:P0} of the backup") : "");
    }
}
