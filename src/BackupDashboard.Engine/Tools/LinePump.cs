namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Reads one output stream of a child process to its end, line by line. It keeps reading after
/// the callback fails (a stream left unread would block the child), stops calling it, and asks
/// the run to stop.
/// </summary>
internal sealed class LinePump
{
    private readonly Action<string>? _onLine;
    private readonly CancellationTokenSource _stopRun;

    public LinePump(StreamReader reader, Action<string>? onLine, CancellationTokenSource stopRun)
    {
        _onLine = onLine;
        _stopRun = stopRun;
        Completion = Task.Run(() => ReadAsync(reader));
    }

    public Task Completion { get; }

    /// <summary>The last line that was not blank.</summary>
    public string? LastLine { get; private set; }

    /// <summary>What the callback threw, if it did.</summary>
    public Exception? Fault { get; private set; }

    private async Task ReadAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    LastLine = line;
                }

                Deliver(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The run gave up waiting for a stream a leftover child kept open, and closed it.
        }
    }

    private void Deliver(string line)
    {
        if (_onLine is null || Fault is not null)
        {
            return;
        }

        try
        {
            _onLine(line);
        }
        catch (Exception e)
        {
            Fault = e;
            try
            {
                _stopRun.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
