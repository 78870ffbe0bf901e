using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;

namespace BackupDashboard.Web.Tests;

/// <summary>Shows what <paramref name="shown"/> holds and answers every start with <paramref name="outcome"/>, recording it.</summary>
internal sealed class StartingBackupQueries(FakeBackupQueries shown, BackupOutcome outcome) : IBackupQueries
{
    public List<(string Server, BackupKind Kind)> Started { get; } = [];

    public List<string> ChainsAskedFor => shown.ChainsAskedFor;

    public Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken) => shown.ListServersAsync(cancellationToken);

    public Task<ChainList> ChainsAsync(string server, int newest, CancellationToken cancellationToken) => shown.ChainsAsync(server, newest, cancellationToken);

    public Task<BackupOutcome>? StartBackup(string server, BackupKind kind)
    {
        Started.Add((server, kind));
        return Task.FromResult(outcome);
    }

    public RunProgressView? RunningBackup(string server) => null;
}
