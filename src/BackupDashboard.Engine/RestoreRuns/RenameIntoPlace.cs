using System.Runtime.InteropServices;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Puts the prepared working copy in place as the datadir with one rename(2), which replaces an
/// absent path or an empty directory atomically (POSIX rename: "If new is an existing directory,
/// it must be empty"), so the datadir is never half moved. Done here rather than by mv(1), which
/// falls back to copying across file systems. Afterwards the tool's bookkeeping files that
/// --copy-back leaves out are deleted, and the empty directory's mode is kept.
/// </summary>
internal static partial class RenameIntoPlace
{
    public static async Task<RestoreStepOutcome> RunAsync(int number, RestoreStep step, RestorePlan plan, string logFile, TimeProvider clock)
    {
        var started = clock.GetTimestamp();
        var (from, to) = (plan.PreparedDir, plan.Options.DataDir);
        await using var log = new StreamWriter(logFile) { AutoFlush = true };
        if (step.Holes is { } holes && !await RestoreRuns.HoleAllocation.RunAsync(holes, log).ConfigureAwait(false))
        {
            return new RestoreStepOutcome(number, step, 1, clock.GetElapsedTime(started), logFile, null);
        }

        await log.WriteLineAsync($"rename({from}, {to})").ConfigureAwait(false);
        UnixFileMode? mode = Directory.Exists(to) ? File.GetUnixFileMode(to) : null;
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        if (rename(from, to) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            await log.WriteLineAsync($"rename failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})").ConfigureAwait(false);
            return new RestoreStepOutcome(number, step, 1, clock.GetElapsedTime(started), logFile, null);
        }

        try
        {
            if (mode is { } kept)
            {
                File.SetUnixFileMode(to, kept);
            }

            var family = plan.RestorePoint.ToolName == "mariabackup" ? "mariabackup" : "xtrabackup";
            foreach (var removed in CopyBackSkips.Remove(to, CopyBackSkips.For(family, plan.CheckpointsFileName)))
            {
                await log.WriteLineAsync($"deleted {removed} (--copy-back leaves it out)").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The data is in place; only the tidying failed, and the step says so.
            await log.WriteLineAsync($"renamed, but tidying {to} failed: {e.Message}").ConfigureAwait(false);
            return new RestoreStepOutcome(number, step, 1, clock.GetElapsedTime(started), logFile, null);
        }

        return new RestoreStepOutcome(number, step, 0, clock.GetElapsedTime(started), logFile, null);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rename(string oldpath, string newpath);
}
