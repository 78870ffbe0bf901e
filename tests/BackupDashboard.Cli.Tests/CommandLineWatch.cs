using System.Text;

namespace BackupDashboard.Cli.Tests;

/// <summary>Reads every process's /proc/PID/cmdline every few milliseconds and remembers any that holds the secret.</summary>
internal sealed class CommandLineWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _hits = [];

    public CommandLineWatch(string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var dir in Directory.EnumerateDirectories("/proc"))
                {
                    try
                    {
                        var cmdline = await File.ReadAllBytesAsync(Path.Combine(dir, "cmdline"));
                        Seen++;
                        if (cmdline.AsSpan().IndexOf(needle) >= 0)
                        {
                            _hits.Add(Encoding.UTF8.GetString(cmdline).Replace('\0', ' '));
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                    }
                }

                await Task.Delay(10);
            }
        });
    }

    public int Seen { get; private set; }

    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _hits;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
