namespace BackupDashboard.Engine.Jobs;

/// <summary>Told of every run's ending after the history has it (notifications listen here).</summary>
public interface IJobEndObserver
{
    Task EndedAsync(JobRun run, CancellationToken cancellationToken);
}
