using BackupDashboard.Engine.RestoreRuns;

namespace BackupDashboard.Web.Services;

/// <summary>What a page showing one restore run asks: the run as its record says, a cancel, a step's output.</summary>
public interface IRestoreRuns
{
    /// <summary>The run, or null when there is none by that id.</summary>
    RestoreRunRecord? Run(string id);

    /// <summary>False when no such run is queued or running here.</summary>
    bool Cancel(string id);

    /// <summary>The end of a step's output: a finished step's, or the running one's as it is written.</summary>
    Task<string> StepLogAsync(string runId, int stepNumber, CancellationToken cancellationToken);
}
