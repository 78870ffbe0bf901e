using BackupDashboard.Engine.Tools;
using Cronos;

namespace BackupDashboard.Engine.Schedules;

/// <summary>
/// When a server's backups run: a cron expression for fulls and, optionally, one for incrementals,
/// read in a time zone (docs/schedules.md). The catalog keeps this; Hangfire's recurring jobs only
/// carry it. When both fire at the same minute, the full runs and the incremental does not.
/// </summary>
public sealed record BackupSchedule(string Server, string FullCron, string? IncrementalCron, string TimeZone)
{
    /// <summary>When to rehearse a restore of the newest restore point (cron, same time zone; docs/rehearsals.md); null for never.</summary>
    public string? RehearsalCron { get; init; }

    /// <summary>Each field that is wrong, with why (empty when the schedule is one).</summary>
    public IReadOnlyList<(string Field, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        if (CronProblem(FullCron) is { } full)
        {
            problems.Add(("full_cron", $"full_cron '{FullCron}': {full}"));
        }

        if (IncrementalCron is not null && CronProblem(IncrementalCron) is { } incremental)
        {
            problems.Add(("incremental_cron", $"incremental_cron '{IncrementalCron}': {incremental}"));
        }

        if (RehearsalCron is not null && CronProblem(RehearsalCron) is { } rehearsal)
        {
            problems.Add(("rehearsal_cron", $"rehearsal_cron '{RehearsalCron}': {rehearsal}"));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            problems.Add(("time_zone", $"time_zone '{TimeZone}' is not a time zone of this machine (an IANA name such as UTC or Europe/Berlin)."));
        }

        return problems;
    }

    /// <summary>The next <paramref name="count"/> fires after <paramref name="from"/>, in order, a full winning a shared minute.</summary>
    public IReadOnlyList<(DateTimeOffset At, BackupKind Kind)> NextFires(DateTimeOffset from, int count)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var full = CronExpression.Parse(FullCron).GetOccurrences(from.UtcDateTime, from.UtcDateTime.AddYears(2), zone, fromInclusive: false)
            .Take(count).Select(t => (At: new DateTimeOffset(t, TimeSpan.Zero), Kind: BackupKind.Full));
        var incremental = IncrementalCron is null ? [] : CronExpression.Parse(IncrementalCron).GetOccurrences(from.UtcDateTime, from.UtcDateTime.AddYears(2), zone, fromInclusive: false)
            .Take(count).Select(t => (At: new DateTimeOffset(t, TimeSpan.Zero), Kind: BackupKind.Incremental));
        return [.. full.Concat(incremental).GroupBy(f => f.At).Select(g => g.OrderBy(f => f.Kind == BackupKind.Full ? 0 : 1).First()).OrderBy(f => f.At).Take(count)];
    }

    /// <summary>
    /// Whether a full fired at <paramref name="fire"/> or in the half minute before it: an
    /// incremental of that moment is then covered by the full and does not run.
    /// </summary>
    public bool FullFiresWith(DateTimeOffset fire)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var next = CronExpression.Parse(FullCron).GetNextOccurrence(fire.UtcDateTime.AddSeconds(-30), zone, inclusive: true);
        return next is { } at && at <= fire.UtcDateTime;
    }

    private static string? CronProblem(string expression)
    {
        try
        {
            CronExpression.Parse(expression);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"not a cron expression of 5 fields (minute hour day-of-month month day-of-week): {e.Message}";
        }
    }
}
