using System.Globalization;

namespace BackupDashboard.Engine.Jobs;

/// <summary>A job-history filter as bdash jobs and GET /api/jobs take it (words, not enums), checked before anything is read.</summary>
public sealed record JobQueryRequest(string? Server, string? Kind, string? State, int? Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>Queued at or after this time: an ISO 8601 date or date and time, UTC unless it says otherwise.</summary>
    public string? From { get; init; }

    /// <summary>Queued before this time (a date alone means its midnight, so to=2026-12-03 ends with the 2nd).</summary>
    public string? To { get; init; }

    /// <summary>queued, duration, server, kind or state; a leading '-' for the largest (newest, longest) first. Default -queued.</summary>
    public string? Sort { get; init; }

    public int? Offset { get; init; }

    /// <summary>The query, or the field at fault ("server", "kind", "state", "limit", "from", "to", "sort", "offset") and why.</summary>
    public (JobQuery? Query, string? Field, string? Problem) Resolve()
    {
        if (Server is not null && Servers.ServerName.Problem(Server) is { } badName)
        {
            return (null, "server", badName);
        }

        JobKind? kind = null;
        if (Kind is not null && (kind = JobWords.Parse<JobKind>(Kind)) is null)
        {
            return (null, "kind", $"'{Printable(Kind)}' is not a kind of run: say backup, restore, retention, verify or rehearsal.");
        }

        JobState? state = null;
        if (State is not null && (state = JobWords.Parse<JobState>(State)) is null)
        {
            return (null, "state", $"'{Printable(State)}' is not a state: say queued, running, succeeded, failed or cancelled.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            return (null, "limit", $"limit must be between 1 and {MaxLimit}.");
        }

        if (Offset is < 0)
        {
            return (null, "offset", "offset must be 0 or more.");
        }

        var (from, fromProblem) = Time(From, "from");
        if (fromProblem is not null)
        {
            return (null, "from", fromProblem);
        }

        var (to, toProblem) = Time(To, "to");
        if (toProblem is not null)
        {
            return (null, "to", toProblem);
        }

        var sort = JobSort.Newest;
        if (Sort is not null && (sort = ParseSort(Sort)) is null)
        {
            return (null, "sort", $"'{Printable(Sort)}' is not a sort: say queued, duration, server, kind or state, with a leading '-' for the largest first.");
        }

        return (new JobQuery(Server, kind, state, Limit ?? 50) { From = from, To = to, Sort = sort, Offset = Offset ?? 0 }, null, null);
    }

    /// <summary>"duration" is the shortest first, "-duration" the longest first.</summary>
    public static JobSort? ParseSort(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var descending = word.StartsWith('-');
        var column = JobWords.Parse<JobSortColumn>(descending ? word[1..] : word);
        return column is { } c ? new JobSort(c, descending) : null;
    }

    private static (DateTimeOffset? Time, string? Problem) Time(string? text, string field)
    {
        if (text is null)
        {
            return (null, null);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? (time, null)
            : (null, $"{field} '{Printable(text)}' is not a time: say 2026-12-03 or 2026-12-03T14:00:00Z (UTC unless it names an offset).");
    }

    private static string Printable(string text) => PrintableText.Of(text, 40);
}
