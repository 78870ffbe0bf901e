using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>Keeps inserting and updating rows until disposed, so backups run under writes.</summary>
internal sealed class WriteLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WriteLoad(ThrowawayMariaDb db)
    {
        _loop = Task.Run(async () =>
        {
            await using var connection = await db.OpenAsync("shop");
            while (!_stop.IsCancellationRequested)
            {
                await ServerConnection.ExecuteAsync(connection, "INSERT INTO orders (note, amount) SELECT 'load', seq FROM seq_1_to_200", CancellationToken.None);
                await ServerConnection.ExecuteAsync(connection, "UPDATE orders SET amount = amount + 1 WHERE id % 97 = 0", CancellationToken.None);
                Writes++;
            }
        });
    }

    public int Writes { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
