using Microsoft.Data.Sqlite;

namespace BackupDashboard.Catalog;

/// <summary>
/// The catalog's hot reads (a backup by id, a server's backups, the registered servers) in plain
/// SQL on Microsoft.Data.Sqlite, past EF Core. Every bdash verb is a new process, and EF's first
/// query there (context pool, query compilation, materializer) cost about a second on this
/// project's 2-core machine, most of `bdash restore --plan` (README, Measured). Writes, and the
/// schema, stay with EF Core and its migrations; the columns here are the migrations' names and
/// the value conversions those of <see cref="CatalogDbContext"/> (times as UTC ticks, LSNs as
/// signed 64-bit integers).
/// </summary>
public sealed class CatalogReads(string catalogFile)
{
    private const string BackupColumns = "Id, Server, Kind, ParentId, FromLsn, ToLsn, LastLsn, ToolName, ToolVersion, StartedAt, EndedAt, Bytes, Status, Problem, CommandLine, Partial, Directory, Consumed, VerifyState, VerifySummary, VerifiedAt, PartialFilter";
    private const string ServerColumns = "Id, Name, Host, Port, SocketPath, User, DataDir, Tool, ToolPath, PasswordCipher, IsSandbox, RegisteredAt";

    public Task<List<Entities.BackupRow>> BackupsAsync(string where, (string Name, object Value)? parameter, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {BackupColumns} FROM backups WHERE {where}", parameter, ToBackup, cancellationToken);

    public Task<List<Entities.ServerRow>> ServersAsync(string where, (string Name, object Value)? parameter, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {ServerColumns} FROM servers WHERE {where} ORDER BY Name", parameter, ToServer, cancellationToken);

    public Task<List<Entities.RetentionPolicyRow>> RetentionPoliciesAsync(string server, CancellationToken cancellationToken) =>
        QueryAsync("SELECT Server, KeepChains, KeepDays, UpdatedAt FROM retention_policies WHERE Server = $server", ("$server", server),
            r => new Entities.RetentionPolicyRow
            {
                Server = r.GetString(0), KeepChains = r.IsDBNull(1) ? null : r.GetInt32(1), KeepDays = r.IsDBNull(2) ? null : r.GetInt32(2), UpdatedAt = Time(r.GetInt64(3)),
            }, cancellationToken);

    /// <summary>One server's schedule, or every schedule when <paramref name="server"/> is null.</summary>
    public Task<List<Entities.ScheduleRow>> SchedulesAsync(string? server, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT Server, FullCron, IncrementalCron, TimeZone, UpdatedAt, RehearsalCron FROM schedules WHERE {(server is null ? "1 = 1" : "Server = $server")} ORDER BY Server",
            server is null ? null : ("$server", server),
            r => new Entities.ScheduleRow
            {
                Server = r.GetString(0), FullCron = r.GetString(1), IncrementalCron = Text(r, 2), TimeZone = r.GetString(3), UpdatedAt = Time(r.GetInt64(4)), RehearsalCron = Text(r, 5),
            }, cancellationToken);

    public Task<List<Entities.DeletionRow>> DeletionsAsync(string server, CancellationToken cancellationToken) =>
        QueryAsync("SELECT Id, Server, FullId, BackupIds, Who, At, Why, BytesFreed FROM deletions WHERE Server = $server ORDER BY At DESC, Id DESC", ("$server", server),
            r => new Entities.DeletionRow
            {
                Id = r.GetInt32(0), Server = r.GetString(1), FullId = r.GetString(2), BackupIds = r.GetString(3), Who = r.GetString(4),
                At = Time(r.GetInt64(5)), Why = r.GetString(6), BytesFreed = r.GetInt64(7),
            }, cancellationToken);

    /// <summary>Job runs, newest first; the log only when asked for (it can be large).</summary>
    public Task<List<Entities.JobRunRow>> JobRunsAsync(string where, (string Name, object Value)? parameter, int limit, bool withLog, CancellationToken cancellationToken) =>
        QueryAsync(JobRunSql(where, limit, withLog), parameter is { } p ? [p] : [], r => ToJobRunRow(r, withLog), cancellationToken);

    /// <summary>The query's page of runs: filtered, ordered, skipped and cut in SQL.</summary>
    public Task<List<Entities.JobRunRow>> JobRunsAsync(Engine.Jobs.JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = JobRunFilter(query);
        var sql = $"{JobRunSelect(withLog: false)} WHERE {where} ORDER BY {JobRunOrder(query.Sort)} " +
            $"LIMIT {Math.Max(1, query.Limit).ToString(System.Globalization.CultureInfo.InvariantCulture)} OFFSET {Math.Max(0, query.Offset).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return QueryAsync(sql, parameters, r => ToJobRunRow(r, false), cancellationToken);
    }

    /// <summary>How many runs the query's filters match, whatever its page.</summary>
    public Task<int> JobRunCountAsync(Engine.Jobs.JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = JobRunFilter(query);
        return CountAsync("job_runs", where, parameters, cancellationToken);
    }

    /// <summary>How many rows of <paramref name="table"/> match <paramref name="where"/>.</summary>
    public Task<int> CountAsync(string table, string where, (string Name, object Value)? parameter, CancellationToken cancellationToken) =>
        CountAsync(table, where, parameter is { } p ? [p] : [], cancellationToken);

    private async Task<int> CountAsync(string table, string where, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT COUNT(*) FROM {table} WHERE {where}", parameters, r => r.GetInt32(0), cancellationToken).ConfigureAwait(false))[0];

    private static (string Where, List<(string Name, object Value)> Parameters) JobRunFilter(Engine.Jobs.JobQuery query)
    {
        var conditions = new List<string> { "1 = 1" };
        var parameters = new List<(string Name, object Value)>();
        void Add(string condition, string name, object? value)
        {
            if (value is not null)
            {
                conditions.Add(condition);
                parameters.Add((name, value));
            }
        }

        Add("Server = $server", "$server", query.Server);
        Add("Kind = $kind", "$kind", query.Kind is { } kind ? Engine.Jobs.JobWords.Of(kind) : null);
        Add("State = $state", "$state", query.State is { } state ? Engine.Jobs.JobWords.Of(state) : null);
        // Times are UTC ticks in the catalog (CatalogDbContext's converters).
        Add("QueuedAt >= $from", "$from", query.From?.UtcTicks);
        Add("QueuedAt < $to", "$to", query.To?.UtcTicks);
        return (string.Join(" AND ", conditions), parameters);
    }

    /// <summary>
    /// Runs without a duration (queued, running) go last whichever way durations are sorted, and
    /// ties go newest first, so paging through equal values never shows a run twice.
    /// </summary>
    private static string JobRunOrder(Engine.Jobs.JobSort sort)
    {
        var direction = sort.Descending ? "DESC" : "ASC";
        return sort.Column switch
        {
            Engine.Jobs.JobSortColumn.Duration => $"(EndedAt - StartedAt) IS NULL, (EndedAt - StartedAt) {direction}, Id DESC",
            Engine.Jobs.JobSortColumn.Server => $"Server {direction}, Id DESC",
            Engine.Jobs.JobSortColumn.Kind => $"Kind {direction}, Id DESC",
            Engine.Jobs.JobSortColumn.State => $"State {direction}, Id DESC",
            _ => $"QueuedAt {direction}, Id {direction}",
        };
    }

    public static Engine.Jobs.JobRun ToJobRun(Entities.JobRunRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, Enum.Parse<Engine.Jobs.JobKind>(r.Kind, ignoreCase: true), r.Server, Enum.Parse<Engine.Jobs.JobTrigger>(r.Trigger, ignoreCase: true),
            Enum.Parse<Engine.Jobs.JobState>(r.State, ignoreCase: true), r.QueuedAt)
        {
            Subject = r.Subject, Reason = r.Reason, StartedAt = r.StartedAt, EndedAt = r.EndedAt, Bytes = r.Bytes, CancelRequested = r.CancelRequested,
            Runner = r.Runner, Log = r.Log, TimeToRestoreSeconds = r.TimeToRestore,
        };
    }

    private static string JobRunSql(string where, int limit, bool withLog) =>
        $"{JobRunSelect(withLog)} WHERE {where} ORDER BY Id DESC LIMIT {Math.Max(1, limit).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static string JobRunSelect(bool withLog) =>
        $"SELECT Id, Kind, Server, \"Trigger\", State, Subject, Reason, QueuedAt, StartedAt, EndedAt, Bytes, CancelRequested, Runner, TimeToRestore{(withLog ? ", Log" : "")} FROM job_runs";

    private static Entities.JobRunRow ToJobRunRow(SqliteDataReader r, bool withLog) => new()
    {
        Id = r.GetInt64(0), Kind = r.GetString(1), Server = r.GetString(2), Trigger = r.GetString(3), State = r.GetString(4), Subject = Text(r, 5),
        Reason = Text(r, 6), QueuedAt = Time(r.GetInt64(7)), StartedAt = r.IsDBNull(8) ? null : Time(r.GetInt64(8)),
        EndedAt = r.IsDBNull(9) ? null : Time(r.GetInt64(9)), Bytes = r.IsDBNull(10) ? null : r.GetInt64(10), CancelRequested = r.GetBoolean(11),
        Runner = Text(r, 12), TimeToRestore = r.IsDBNull(13) ? null : r.GetDouble(13), Log = withLog ? Text(r, 14) : null,
    };

    private Task<List<T>> QueryAsync<T>(string sql, (string Name, object Value)? parameter, Func<SqliteDataReader, T> read, CancellationToken cancellationToken) =>
        QueryAsync(sql, parameter is { } p ? [p] : [], read, cancellationToken);

    private async Task<List<T>> QueryAsync<T>(string sql, IReadOnlyList<(string Name, object Value)> parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={catalogFile}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static Entities.BackupRow ToBackup(SqliteDataReader r) => new()
    {
        Id = r.GetString(0), Server = r.GetString(1), Kind = r.GetString(2), ParentId = Text(r, 3),
        FromLsn = Lsn(r, 4), ToLsn = Lsn(r, 5), LastLsn = Lsn(r, 6), ToolName = r.GetString(7), ToolVersion = Text(r, 8),
        StartedAt = Time(r.GetInt64(9)), EndedAt = r.IsDBNull(10) ? null : Time(r.GetInt64(10)), Bytes = r.GetInt64(11),
        Status = r.GetString(12), Problem = Text(r, 13), CommandLine = r.GetString(14), Partial = r.GetBoolean(15), Directory = r.GetString(16),
        Consumed = Text(r, 17), VerifyState = Text(r, 18), VerifySummary = Text(r, 19), VerifiedAt = r.IsDBNull(20) ? null : Time(r.GetInt64(20)),
        PartialFilter = Text(r, 21),
    };

    private static Entities.ServerRow ToServer(SqliteDataReader r) => new()
    {
        Id = r.GetInt32(0), Name = r.GetString(1), Host = Text(r, 2), Port = r.IsDBNull(3) ? null : r.GetInt32(3), SocketPath = Text(r, 4),
        User = r.GetString(5), DataDir = r.GetString(6), Tool = r.GetString(7), ToolPath = Text(r, 8), PasswordCipher = Text(r, 9),
        IsSandbox = r.GetBoolean(10), RegisteredAt = Time(r.GetInt64(11)),
    };

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static ulong? Lsn(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : (ulong)r.GetInt64(i);

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
