using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// A chain taken with tests/fakes/xtrabackup (full "f", then i1, i2 … each on the one before),
/// its catalog records built from the checkpoints the fake wrote, and a way to run steps with
/// the fake's call log (FAKE_XTRABACKUP_LOG) in the environment.
/// </summary>
internal sealed class FakeXtraBackupChain : IDisposable
{
    public static readonly string Fake = RepositoryRoot.Combine("tests", "fakes", "xtrabackup");
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("bdash-rx-");

    public sealed record Run(int ExitCode, string? LastStderrLine);

    public List<BackupRecord> Backups { get; } = [];
    public string CallLog => _folder.Combine("calls.log");
    public string DataDir => _folder.Combine("restored db");
    public string Combine(params string[] parts) => _folder.Combine(parts);

    public static async Task<FakeXtraBackupChain> TakeAsync(int count)
    {
        var chain = new FakeXtraBackupChain();
        var defaults = chain.Combine("client.cnf");
        await File.WriteAllTextAsync(defaults, "[client]\nuser=\"backup\"\n");
        for (var i = 0; i < count; i++)
        {
            var id = i == 0 ? "f" : $"i{i}";
            var directory = chain.Combine("repo", id);
            var target = Path.Combine(directory, BackupLayout.TargetFolder);
            List<string> argv = [Fake, $"--defaults-extra-file={defaults}", "--backup", $"--target-dir={target}"];
            if (i > 0)
            {
                argv.Add($"--incremental-basedir={chain.Backups[^1].TargetDir}");
            }

            var run = await chain.RunAsync(argv);
            Assert.True(run.ExitCode == 0, run.LastStderrLine);
            var checkpoints = CheckpointsFile.Read(Path.Combine(target, "xtrabackup_checkpoints"));
            chain.Backups.Add(new BackupRecord
            {
                Id = id, Server = "db", Kind = i == 0 ? BackupKind.Full : BackupKind.Incremental, ParentId = i == 0 ? null : chain.Backups[^1].Id,
                FromLsn = checkpoints.FromLsn, ToLsn = checkpoints.ToLsn, LastLsn = checkpoints.LastLsn, ToolName = "xtrabackup",
                ToolVersion = "8.0.35-30", StartedAt = T0.AddMinutes(i), Status = BackupStatus.Succeeded, Directory = directory,
            });
        }

        File.Delete(chain.CallLog);
        return chain;
    }

    public RestorePlan Plan(bool verify = false, string? scratch = null) =>
        RestorePlanner.Plan(Backups[^1], Backups, new RestoreOptions(DataDir, Verify: verify, Owner: Environment.UserName, ScratchDir: scratch, ToolPath: Fake));

    /// <summary>Runs argv through env(1), which sets the fake's call log and execs it unchanged.</summary>
    public async Task<Run> RunAsync(IReadOnlyList<string> argv)
    {
        string? last = null;
        var result = await ToolProcess.RunAsync(new ToolInvocation("env", [$"FAKE_XTRABACKUP_LOG={CallLog}", .. argv]),
            null, line => last = line.Trim().Length > 0 ? line : last, CancellationToken.None);
        return new Run(result.ExitCode, last);
    }

    /// <summary>The fake's log line of each call: its argv after the program, joined by spaces.</summary>
    public string[] Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    public void Dispose() => _folder.Dispose();
}
