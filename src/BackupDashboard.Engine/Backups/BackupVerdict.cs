using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Decides whether a finished run is a good backup: the tool exited 0, its last line ends with
/// "completed OK!", and the checkpoints file parses with the backup type and from_lsn we expect.
/// Anything else is a failure whose text carries the tool's own last words.
/// </summary>
public static class BackupVerdict
{
    public sealed record Outcome(string? Problem, CheckpointsFile? Checkpoints, bool Partial);

    public static Outcome Judge(IBackupTool tool, ToolRunResult result, IReadOnlyList<string> stderrTail, string targetDir,
        BackupKind kind, ulong? expectedFromLsn)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(result);
        var toolWords = string.Join(Environment.NewLine, stderrTail);
        if (result.Canceled)
        {
            return new($"Canceled: the tool was stopped before it finished.{Environment.NewLine}{toolWords}", null, false);
        }

        if (!tool.CompletedOk(result))
        {
            return new($"The tool exited with code {result.ExitCode} without \"completed OK!\":{Environment.NewLine}{toolWords}", null, false);
        }

        var checkpointsPath = CheckpointsFile.FindIn(targetDir);
        if (checkpointsPath is null)
        {
            return new($"The tool reported success but {targetDir} has no checkpoints file.", null, false);
        }

        CheckpointsFile checkpoints;
        try
        {
            checkpoints = CheckpointsFile.Read(checkpointsPath);
        }
        catch (InnoDbFormatException e)
        {
            return new($"The checkpoints file is unreadable: {e.Message}", null, false);
        }

        var expectedType = kind == BackupKind.Full ? "full-backuped" : "incremental";
        if (checkpoints.BackupType != expectedType)
        {
            return new($"{checkpointsPath} says backup_type = {checkpoints.BackupType}, expected {expectedType}.", checkpoints, false);
        }

        if (kind == BackupKind.Incremental && checkpoints.FromLsn != expectedFromLsn)
        {
            return new($"{checkpointsPath} says from_lsn = {checkpoints.FromLsn}, expected {expectedFromLsn} (the base's to_lsn).", checkpoints, false);
        }

        try
        {
            var infoPath = BackupInfoFile.FindIn(targetDir);
            return new(null, checkpoints, infoPath is not null && BackupInfoFile.Read(infoPath).Partial == true);
        }
        catch (InnoDbFormatException e)
        {
            return new($"The info file is unreadable: {e.Message}", checkpoints, false);
        }
    }
}
