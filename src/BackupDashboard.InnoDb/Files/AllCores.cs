using System.Runtime.ExceptionServices;

namespace BackupDashboard.InnoDb.Files;

/// <summary>
/// Runs work items on every core: one thread per core takes the next item until none is left.
/// Used instead of Parallel.ForEach, whose generic workers over the callers' item types are
/// compiled at run time (ReadyToRun cannot precompile them), which cost a short scan or verify
/// more than the work itself.
/// </summary>
internal static class AllCores
{
    /// <summary>Calls <paramref name="body"/> once for each index below <paramref name="count"/>; the first exception ends the run and is rethrown.</summary>
    public static void ForEach(int count, Action<int> body, CancellationToken cancellationToken)
    {
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            try
            {
                int index;
                while (Volatile.Read(ref failure) is null && (index = Interlocked.Increment(ref next)) < count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    body(index);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        var helpers = new Thread[Math.Max(0, Math.Min(Environment.ProcessorCount, count) - 1)];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = new Thread(Work) { IsBackground = true, Name = "bdash page reader" };
            helpers[i].Start();
        }

        Work();
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        failure?.Throw();
    }
}
