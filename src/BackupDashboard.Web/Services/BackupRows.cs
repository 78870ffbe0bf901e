using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Web.Services;

/// <summary>The newest chains of a server, oldest of them first, and how many chains it has in all (<see cref="Total"/>).</summary>
public sealed record ChainList(IReadOnlyList<ChainSummary> Chains, int Total)
{
    /// <summary>Chains not drawn, all older than the ones in <see cref="Chains"/>.</summary>
    public int Older => Total - Chains.Count;
}

/// <summary>One chain as a card: whether every link holds, why not, and its backups in the order they were taken.</summary>
public sealed record ChainSummary(bool Valid, IReadOnlyList<string> Reasons, IReadOnlyList<BackupSummary> Backups);

/// <summary>
/// One backup as a row of its chain, already in the page's words and number formats. A failed
/// run keeps its place in the chain and carries its problem (<see cref="Problem"/> in full,
/// <see cref="ProblemHeadline"/> for the row). A good run that cannot be restored to (its files
/// no longer say what was recorded, it was consumed, its base is not usable) says why in
/// <see cref="NotRestorePoint"/>. <see cref="Verify"/> is the page-checksum verify's "passed" or "failed" (null until it has run).
/// <see cref="PartialFilter"/> says which databases or tables a partial backup holds.
/// </summary>
public sealed record BackupSummary(
    string Id,
    string Type,
    string? ParentId,
    string FromLsn,
    string ToLsn,
    string LastLsn,
    string Started,
    string Duration,
    string Size,
    string Status,
    bool Partial,
    string? ProblemHeadline,
    string? Problem,
    string? NotRestorePoint = null,
    string? Verify = null,
    string? VerifySummary = null,
    string? PartialFilter = null);

/// <summary>Where a running backup, or a restore's running step, is, for the progress bar.</summary>
/// <param name="Percent">0 to 100.</param>
/// <param name="Copied">"1.2 GiB of 3.4 GiB".</param>
/// <param name="CurrentFile">The file being copied, relative to the datadir.</param>
/// <param name="TimeLeft">Hours:minutes:seconds; null until the first file is done.</param>
/// <param name="Phase">What the tool says it is doing.</param>
public sealed record RunProgressView(double Percent, string Copied, string? CurrentFile, string? TimeLeft, string? Phase)
{
    /// <summary>Before the tool has reported its first file.</summary>
    public static readonly RunProgressView Starting = new(0, "starting", null, null, null) { Measured = false };

    /// <summary>False when there is nothing to count yet (or nothing countable): the bar moves without a percent.</summary>
    public bool Measured { get; init; } = true;

    /// <summary>What is being done to <see cref="CurrentFile"/>.</summary>
    public string FileVerb { get; init; } = "copying";

    /// <summary>The server's backup running in this dashboard: <see cref="Starting"/> before its first report, null when none runs.</summary>
    internal static RunProgressView? Of(Jobs.BackupJobs jobs, string server) =>
        !jobs.IsRunning(server) ? null
        : jobs.ProgressOf(server) is { } progress ? From(progress)
        : Starting;

    /// <summary>
    /// A restore's running step: measured in bytes where the step can be (a copy, copy-back,
    /// move-back, an incremental's prepare), otherwise only what it last printed.
    /// </summary>
    internal static RunProgressView OfStep(Engine.RestoreRuns.RestoreRunRecord run) =>
        (run.StepBytesTotal is { } total and > 0 && run.StepBytesDone is { } done
            ? new RunProgressView(Math.Clamp(done * 100.0 / total, 0, 100), $"{DisplayFormat.Size(done)} of {DisplayFormat.Size(total)}",
                run.StepFile, run.StepSecondsLeft is { } left ? DisplayFormat.Duration(TimeSpan.FromSeconds(left)) : null, run.StepSaid)
            : new RunProgressView(0, "", run.StepFile, null, run.StepSaid) { Measured = false })
        with
        {
            FileVerb = run.StepKind switch { "prepare" => "applying", "move-back" => "moving", _ => "copying" },
        };

    internal static RunProgressView From(BackupProgress progress) => new(
        Math.Clamp(progress.Percent, 0, 100),
        $"{DisplayFormat.Size(progress.BytesDone)} of {DisplayFormat.Size(progress.BytesTotal)}",
        progress.CurrentFile,
        progress.Eta is null ? null : DisplayFormat.Duration(progress.Eta),
        progress.Phase);
}
