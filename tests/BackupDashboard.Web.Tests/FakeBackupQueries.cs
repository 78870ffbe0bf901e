using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;

namespace BackupDashboard.Web.Tests;

/// <summary>Fixed servers and chains for rendering the Backups &amp; chains page; nothing runs.</summary>
internal sealed class FakeBackupQueries(IReadOnlyList<string> servers, IReadOnlyDictionary<string, IReadOnlyList<ChainSummary>> chainsByServer) : IBackupQueries
{
    public List<string> ChainsAskedFor { get; } = [];

    public Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken) => Task.FromResult(servers);

    public List<int> NewestAskedFor { get; } = [];

    public Task<ChainList> ChainsAsync(string server, int newest, CancellationToken cancellationToken)
    {
        ChainsAskedFor.Add(server);
        NewestAskedFor.Add(newest);
        var all = chainsByServer.GetValueOrDefault(server) ?? [];
        return Task.FromResult(new ChainList(all.Skip(Math.Max(0, all.Count - newest)).ToList(), all.Count));
    }

    public Task<BackupOutcome>? StartBackup(string server, BackupKind kind) => throw new InvalidOperationException("a static render clicks nothing");

    public RunProgressView? RunningBackup(string server) => null;

    public static BackupSummary Backup(string id, string type, string? parent, ulong? from, ulong? to, ulong? last, string status = "succeeded", string? problem = null) =>
        new(id, type, parent, DisplayFormat.Lsn(from), DisplayFormat.Lsn(to), DisplayFormat.Lsn(last), "2025-03-01 02:00:00", "00:01:05", "1.5 GiB",
            status, false, problem is null ? null : DisplayFormat.FirstLine(problem), problem);
}
