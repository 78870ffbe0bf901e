namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Turns a backup tool's stderr into <see cref="BackupProgress"/>. Each file counts with its
/// datadir size when the tool reports it done: with --parallel the threads interleave, so a
/// "...done" is paired with the last "Copying" of the same [NN] thread. A file missing from the
/// size map weighs nothing. Not thread-safe: feed it from the one stderr reader.
/// </summary>
public sealed class BackupProgressTracker
{
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly long _startedAt;
    private readonly Dictionary<string, string> _copyingByThread = new(StringComparer.Ordinal);
    private readonly List<string> _inFlight = [];
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);

    public BackupProgressTracker(IReadOnlyDictionary<string, long> fileSizesByRelativePath, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(fileSizesByRelativePath);
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var (path, size) in fileSizesByRelativePath)
        {
            var relative = ToolLogLine.RelativePath(path);
            if (!IsNeverReported(relative))
            {
                _sizes[relative] = Math.Max(0, size);
            }
        }

        _clock = clock;
        _startedAt = clock.GetTimestamp();
        Current = BackupProgress.NotStarted(_sizes.Values.Sum());
    }

    public BackupProgress Current { get; private set; }

    /// <summary>
    /// Datadir files no tool reports as copied, so they would hold the percent back: the redo
    /// log (a log thread copies what is written during the backup, not the file), the temporary
    /// tablespace (never backed up), and the server's own pid, error log and socket.
    /// </summary>
    public static bool IsNeverReported(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var name = Path.GetFileName(relativePath);
        return name.StartsWith("ib_logfile", StringComparison.Ordinal)
            || name.StartsWith("ibtmp", StringComparison.Ordinal)
            || relativePath.StartsWith("#innodb_redo/", StringComparison.Ordinal)
            || relativePath.StartsWith("#innodb_temp/", StringComparison.Ordinal)
            || Path.GetExtension(name) is ".pid" or ".err" or ".sock";
    }

    /// <summary>Reads one stderr line; true when <see cref="Current"/> changed.</summary>
    public bool OnStderrLine(string line)
    {
        var parsed = ToolLogLine.Parse(line);
        var next = parsed.Event switch
        {
            ToolLogEvent.CopyStarted => Started(parsed),
            ToolLogEvent.CopyDone => Finished(parsed),
            ToolLogEvent.LogScanned => Current with { LogScannedUpTo = parsed.Lsn },
            ToolLogEvent.Phase => Current with { Phase = parsed.Phase, LogScannedUpTo = parsed.Lsn ?? Current.LogScannedUpTo },
            ToolLogEvent.Completed => Current with
            {
                Percent = 100,
                BytesDone = Current.BytesTotal,
                CurrentFile = null,
                Eta = TimeSpan.Zero,
                Phase = parsed.Phase,
            },
            _ => Current,
        };
        if (next == Current)
        {
            return false;
        }

        Current = next;
        return true;
    }

    private BackupProgress Started(ToolLogLine line)
    {
        var file = Resolve(line.File!);
        _copyingByThread[line.Thread ?? string.Empty] = file;
        _inFlight.Remove(file);
        _inFlight.Add(file);
        return Current with { CurrentFile = file, Phase = Current.Phase ?? "Copying files" };
    }

    private BackupProgress Finished(ToolLogLine line)
    {
        var thread = line.Thread ?? string.Empty;
        var file = line.File is { } named ? Resolve(named) : _copyingByThread.GetValueOrDefault(thread);
        if (file is null)
        {
            return Current;
        }

        if (_copyingByThread.TryGetValue(thread, out var copying) && copying == file)
        {
            _copyingByThread.Remove(thread);
        }

        _inFlight.Remove(file);
        var bytesDone = Current.BytesDone;
        if (_done.Add(file))
        {
            bytesDone += _sizes.GetValueOrDefault(file);
        }

        return Current with
        {
            BytesDone = bytesDone,
            Percent = Current.BytesTotal == 0 ? 0 : Math.Min(100, 100.0 * bytesDone / Current.BytesTotal),
            CurrentFile = _inFlight.Count == 0 ? null : _inFlight[^1],
            Eta = bytesDone == Current.BytesDone ? Current.Eta : EstimateRemaining(bytesDone, Current.BytesTotal),
        };
    }

    /// <summary>
    /// Some lines name a file by its absolute path ("Copying /var/lib/mysql//aria_log_control"):
    /// it is the datadir file whose relative path ends it.
    /// </summary>
    private string Resolve(string file)
    {
        if (!file.StartsWith('/') || _sizes.ContainsKey(file))
        {
            return file;
        }

        var path = file.Replace("//", "/", StringComparison.Ordinal);
        return _sizes.Keys.FirstOrDefault(key => path.EndsWith("/" + key, StringComparison.Ordinal)) ?? file;
    }

    private TimeSpan? EstimateRemaining(long bytesDone, long bytesTotal)
    {
        if (bytesDone <= 0 || bytesDone >= bytesTotal)
        {
            return bytesDone >= bytesTotal ? TimeSpan.Zero : null;
        }

        var elapsed = _clock.GetElapsedTime(_startedAt);
        return TimeSpan.FromTicks((long)(elapsed.Ticks * ((double)(bytesTotal - bytesDone) / bytesDone)));
    }
}
