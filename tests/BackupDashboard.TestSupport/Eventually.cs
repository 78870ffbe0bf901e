namespace BackupDashboard.TestSupport;

/// <summary>Polls until something a background run does becomes true (100 ms steps).</summary>
public static class Eventually
{
    /// <summary>True when the condition held within the time; false when time ran out.</summary>
    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? within = null) =>
        HoldsAsync(() => Task.FromResult(condition()), within);

    /// <summary>The same for a condition that has to ask (an HTTP request, a query).</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
