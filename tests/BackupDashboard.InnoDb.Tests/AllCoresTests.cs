using System.Collections.Concurrent;
using BackupDashboard.InnoDb.Files;

namespace BackupDashboard.InnoDb.Tests;

public class AllCoresTests
{
    [Fact]
    public void Every_index_runs_exactly_once()
    {
        var seen = new ConcurrentBag<int>();
        AllCores.ForEach(1000, seen.Add, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 1000), seen.Order());
    }

    [Fact]
    public void The_first_failure_ends_the_run_and_is_rethrown_as_itself()
    {
        var ran = 0;
        var e = Assert.Throws<IOException>(() => AllCores.ForEach(10_000, i =>
        {
            Interlocked.Increment(ref ran);
            if (i == 3)
            {
                throw new IOException("gone: t/a.ibd");
            }

            // Items that take time, as reading a page range does: otherwise another core can
            // finish all 10,000 before the failing one has recorded its failure.
            Thread.Sleep(1);
        }, CancellationToken.None));
        Assert.Equal("gone: t/a.ibd", e.Message);
        Assert.True(ran < 10_000, $"{ran} items ran after the failure");
    }

    [Fact]
    public void A_cancelled_run_throws_operation_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var ran = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => AllCores.ForEach(10, _ => ran++, cancel.Token));
        Assert.Equal(0, ran);
    }
}
