namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Background work done again and again at an interval (schedules into the job store, new
/// backups to verify, overdue backups). A round that fails is reported and the next one tries
/// again: a catalog that is briefly locked must not end the work for good.
/// </summary>
internal abstract class PeriodicWork : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>False to wait one interval before the first round.</summary>
    protected virtual bool AtStart => true;

    protected abstract Task RoundAsync(CancellationToken cancellationToken);

    protected abstract void RoundFailed(string reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!first || !AtStart)
            {
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            first = false;
            try
            {
                await RoundAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RoundFailed(e.Message);
            }
        }
    }
}
