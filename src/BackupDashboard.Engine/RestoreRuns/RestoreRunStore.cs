using System.Globalization;
using System.Text.Json;
using BackupDashboard.Engine.Runs;

namespace BackupDashboard.Engine.RestoreRuns;

/// <summary>
/// The restore run records, one small file each: &lt;root&gt;/&lt;id&gt;/run.json, written whole to
/// run.json.tmp and renamed over it, so a reader or a crash never sees half a record
/// (docs/formats/restore-run.md). Files, not the catalog: a run must be found again after the app
/// stops, and the catalog is an index that can be rebuilt from the backups' manifests.
/// </summary>
public sealed class RestoreRunStore(string root)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly Lock _gate = new();

    public void Save(RestoreRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var dir = Path.Combine(root, RequireId(run.Id));
        lock (_gate)
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var path = Path.Combine(dir, "run.json");
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(run, Json));
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }

    /// <summary>The run, or null when there is none by that id (or the id cannot be one).</summary>
    public RestoreRunRecord? Find(string id)
    {
        if (!IsId(id))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RestoreRunRecord>(File.ReadAllText(Path.Combine(root, id, "run.json")), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// At start: a run still queued or running whose process is gone (killed, crashed, the machine
    /// stopped) is recorded as failed, "Interrupted: …", as <see cref="InterruptedRuns"/> does for backups.
    /// </summary>
    public async Task<IReadOnlyList<RestoreRunRecord>> SettleInterruptedAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var settled = new List<RestoreRunRecord>();
        if (!Directory.Exists(root))
        {
            return settled;
        }

        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            if (Find(Path.GetFileName(dir)) is not { Ended: false } run || RunnerProcess.IsAlive(run.Runner))
            {
                continue;
            }

            // A prepare or copy-back its process left running would go on writing with nobody to record it.
            var orphans = run.PreparedDir is null ? [] : await OrphanTools.StopAsync(run.PreparedDir, cancellationToken).ConfigureAwait(false);
            var failed = run with
            {
                State = RestoreRunState.Failed,
                EndedAt = clock.GetUtcNow(),
                Problem = $"Interrupted: the process that ran this restore ({run.Runner}) ended before it finished (killed, crashed, or the machine stopped)" +
                    (run.Step is { } step ? $" during step {step} of {run.Steps} ({run.StepKind}); {run.DataDir} may hold a partial restore and the working copy may be left beside it." : $"; it had not started, so {run.DataDir} was not written.") +
                    (orphans.Count == 0 ? "" : $" Its tool was still running (process {string.Join(", ", orphans)}) and was stopped."),
            };
            Save(failed);
            settled.Add(failed);
        }

        return settled;
    }

    /// <summary>Run ids are ours (<see cref="NewId"/>); anything else never becomes a path.</summary>
    public static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static string NewId(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..8]}");
    }

    private static string RequireId(string id) =>
        IsId(id) ? id : throw new ArgumentException($"'{id}' is not a restore run id.", nameof(id));
}
