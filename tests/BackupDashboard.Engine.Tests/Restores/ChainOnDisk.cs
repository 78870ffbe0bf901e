using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// One server's catalog records in a temp folder, each with its target directory and a
/// checkpoints file in it, as the planner finds them on disk. Ids f, i1, i2 …; LSNs step by 100.
/// </summary>
internal sealed class ChainOnDisk : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("bdash-rp-");
    private readonly List<BackupRecord> _backups = [];

    public ChainOnDisk(string tool = "mariabackup", string version = "10.11.19")
    {
        (Tool, Version) = (tool, version);
    }

    public string Tool { get; }
    public string Version { get; }
    public IReadOnlyList<BackupRecord> Backups => _backups;
    public string DataDir => _folder.Combine("restored");
    public string WorkDir => DataDir + RestoreOptions.ScratchSuffix;

    public BackupRecord this[string id] => _backups.Single(b => b.Id == id);

    /// <summary>A full "f" and incrementals i1 … i(count-1), each based on the one before.</summary>
    public static ChainOnDisk Linear(int count, string tool = "mariabackup", string version = "10.11.19")
    {
        var disk = new ChainOnDisk(tool, version);
        disk.Add("f", BackupKind.Full, null, 0, 100);
        for (var i = 1; i < count; i++)
        {
            disk.Add($"i{i}", BackupKind.Incremental, i == 1 ? "f" : $"i{i - 1}", (ulong)i * 100, (ulong)(i + 1) * 100);
        }

        return disk;
    }

    public BackupRecord Add(string id, BackupKind kind, string? parent, ulong from, ulong to, string? tool = null, string? version = null)
    {
        var directory = _folder.Combine("repo", id);
        Directory.CreateDirectory(Path.Combine(directory, BackupLayout.TargetFolder));
        var record = new BackupRecord
        {
            Id = id, Server = "db", Kind = kind, ParentId = parent, FromLsn = from, ToLsn = to, LastLsn = to + 10,
            ToolName = tool ?? Tool, ToolVersion = version ?? Version, StartedAt = T0.AddMinutes(_backups.Count * 10),
            Status = BackupStatus.Succeeded, Directory = directory,
        };
        File.WriteAllText(Path.Combine(record.TargetDir, "xtrabackup_checkpoints"), string.Create(CultureInfo.InvariantCulture,
            $"backup_type = {(kind == BackupKind.Full ? "full-backuped" : "incremental")}\nfrom_lsn = {from}\nto_lsn = {to}\nlast_lsn = {to + 10}\n"));
        _backups.Add(record);
        return record;
    }

    /// <summary>Changes a record in the catalog (its files stay as they are).</summary>
    public BackupRecord Change(string id, Func<BackupRecord, BackupRecord> change)
    {
        var index = _backups.FindIndex(b => b.Id == id);
        _backups[index] = change(_backups[index]);
        return _backups[index];
    }

    public RestoreOptions Options => new(DataDir);

    public RestorePlan Plan(string id, RestoreOptions? options = null) => RestorePlanner.Plan(this[id], _backups, options ?? Options);

    public string Target(string id) => this[id].TargetDir;

    public string Work(string id) => Path.Combine(WorkDir, id);

    public void Dispose() => _folder.Dispose();
}
