using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tests.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests.Retention;

/// <summary>
/// Three chains of server "db" on disk, a full and an incremental each: a (30 and 29 days before
/// <see cref="Now"/>), b (15, 14) and c (2, 1).
/// </summary>
internal sealed class ThreeChains : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly ChainOnDisk _disk = new();
    private ulong _lsn;

    public ThreeChains()
    {
        Chain("a", 30);
        Chain("b", 15);
        Chain("c", 2);
    }

    public ChainOnDisk Disk => _disk;

    public IReadOnlyList<BackupRecord> Backups => _disk.Backups;

    public IReadOnlyList<BackupChain> Chains => ChainBuilder.Build(_disk.Backups);

    /// <summary>A full "{name}" taken <paramref name="daysAgo"/> days before Now and "{name}1" a day later.</summary>
    public void Chain(string name, int daysAgo)
    {
        _disk.Add(name, BackupKind.Full, null, 0, _lsn + 100);
        _disk.Change(name, b => b with { StartedAt = Now.AddDays(-daysAgo) });
        _disk.Add($"{name}1", BackupKind.Incremental, name, _lsn + 100, _lsn + 200);
        _disk.Change($"{name}1", b => b with { StartedAt = Now.AddDays(-daysAgo + 1) });
        _lsn += 1000;
    }

    public void Dispose() => _disk.Dispose();
}
