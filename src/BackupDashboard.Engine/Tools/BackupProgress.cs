namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Where a running backup is. The tools print no byte counts, so <see cref="Percent"/> and
/// <see cref="BytesDone"/> count the datadir size of each file the tool reported done.
/// </summary>
/// <param name="Percent">0 to 100, weighted by file size.</param>
/// <param name="BytesDone">Datadir bytes of the files copied so far.</param>
/// <param name="BytesTotal">Datadir bytes of every file the tracker was given.</param>
/// <param name="CurrentFile">The file most recently started and not yet done, relative to the datadir.</param>
/// <param name="Eta">Time left at the rate so far; null until a first file is done.</param>
/// <param name="LogScannedUpTo">The last "&gt;&gt; log scanned up to (N)" (needs --verbose).</param>
/// <param name="Phase">What the tool said it is doing, in its words ("BACKUP STAGE BLOCK_COMMIT").</param>
public sealed record BackupProgress(double Percent, long BytesDone, long BytesTotal, string? CurrentFile,
    TimeSpan? Eta, ulong? LogScannedUpTo, string? Phase)
{
    public static BackupProgress NotStarted(long bytesTotal) => new(0, 0, bytesTotal, null, null, null, null);
}
