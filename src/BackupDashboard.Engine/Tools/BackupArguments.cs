using System.Globalization;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// The backup command line both tools share: mariabackup is a fork of XtraBackup 2.3 and kept
/// its option names (--backup, --target-dir, --incremental-basedir, --incremental-lsn,
/// --parallel, --datadir, --verbose).
/// </summary>
internal static class BackupArguments
{
    public const string CompletedOkMarker = "completed OK!";

    public static List<string> Build(BackupRequest request, string defaultsExtraFile)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultsExtraFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TargetDir);
        Validate(request);

        List<string> args =
        [
            $"--defaults-extra-file={defaultsExtraFile}",
            "--backup",
            $"--target-dir={request.TargetDir}",
        ];
        if (request.DataDir is not null)
        {
            args.Add($"--datadir={request.DataDir}");
        }

        if (request.IncrementalBaseDir is not null)
        {
            args.Add($"--incremental-basedir={request.IncrementalBaseDir}");
        }
        else if (request.IncrementalLsn is { } lsn)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--incremental-lsn={lsn}"));
        }

        if (request.Filter is { } filter)
        {
            args.AddRange(filter.ToolArguments());
        }

        if (request.Parallel > 1)
        {
            args.Add(string.Create(CultureInfo.InvariantCulture, $"--parallel={request.Parallel}"));
        }

        if (request.Verbose)
        {
            args.Add("--verbose");
        }

        return args;
    }

    public static bool CompletedOk(ToolRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is { ExitCode: 0, Canceled: false, LastStderrLine: { } last }
            && last.TrimEnd().EndsWith(CompletedOkMarker, StringComparison.Ordinal);
    }

    private static void Validate(BackupRequest request)
    {
        var hasBase = request.IncrementalBaseDir is not null;
        var hasLsn = request.IncrementalLsn is not null;
        if (request.Kind == BackupKind.Full && (hasBase || hasLsn))
        {
            throw new ArgumentException("A full backup has no incremental base directory or LSN.", nameof(request));
        }

        if (request.Kind == BackupKind.Incremental && hasBase == hasLsn)
        {
            throw new ArgumentException(
                "An incremental backup needs exactly one starting point: a base directory (--incremental-basedir) or an LSN (--incremental-lsn).",
                nameof(request));
        }

        if (request.IncrementalForceScan && request.Kind != BackupKind.Incremental)
        {
            throw new ArgumentException("--incremental-force-scan is for incremental backups.", nameof(request));
        }

        if (request.Filter is not null && request.Kind != BackupKind.Full)
        {
            throw new ArgumentException("A partial backup (--databases, --tables, --tables-exclude) is a full backup: the tools warn that an incremental after a partial backup may be inconsistent.", nameof(request));
        }

        if (request.Filter?.Problem(Backups.BackupOrder.OptionName) is { } bad)
        {
            throw new ArgumentException(bad.Problem, nameof(request));
        }

        if (request.Parallel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Parallel, "Parallel must be 1 or more.");
        }
    }
}
