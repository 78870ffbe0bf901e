using System.ComponentModel;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Starts writing the full's working copy to disk as soon as it is copied: `sync -f` (syncfs(2))
/// in the background while the full's prepare runs (docs/restore-plans.md, "The working copy").
/// Left to the kernel, those dirty pages are written when a later prepare fsyncs its tablespaces,
/// and that prepare waits for all of them; started here, the disk writes them while the first
/// prepare is busy applying redo. Only speed depends on it: a sync that fails or is missing
/// changes nothing else.
/// </summary>
internal sealed class WorkingCopyWriteback
{
    private readonly Task _running;

    private WorkingCopyWriteback(Task running) => _running = running;

    public static WorkingCopyWriteback Start(string workDir, CancellationToken cancellationToken) => new(Task.Run(async () =>
    {
        try
        {
            await CommandResult.RunAsync("sync", ["-f", workDir], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or Win32Exception or InvalidOperationException)
        {
            // Speed only: the run goes on without it.
        }
    }, CancellationToken.None));

    /// <summary>Waits for the sync, so that no child process outlives the run.</summary>
    public Task FinishAsync() => _running;
}
