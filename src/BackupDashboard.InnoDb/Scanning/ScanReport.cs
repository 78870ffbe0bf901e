namespace BackupDashboard.InnoDb.Scanning;

/// <summary>What an incremental from <see cref="SinceLsn"/> would copy, per file and in total.</summary>
public sealed record ScanReport(ulong SinceLsn, IReadOnlyList<FileScan> Files)
{
    public long PagesTotal => Files.Sum(f => f.PagesTotal);
    public long PagesChanged => Files.Sum(f => f.PagesChanged);
    public long BytesChanged => Files.Sum(f => f.BytesChanged);
    public IEnumerable<FileScan> Failed => Files.Where(f => f.Error is not null);
    public IEnumerable<FileScan> Noted => Files.Where(f => f.Note is not null);

    /// <summary>MyRocks' files, which an incremental copies whole (<see cref="MyRocksFiles"/>).</summary>
    public MyRocksFiles MyRocks { get; init; } = MyRocksFiles.None;

    /// <summary>The changed pages' bytes plus the MyRocks files': what the incremental would hold.</summary>
    public long BytesToCopy => BytesChanged + MyRocks.Bytes;
}

/// <summary>One data file: pages whose FIL_PAGE_LSN is greater than the scan's LSN.</summary>
public sealed record FileScan(string Path, bool IsDelta, int PageSize, long PagesTotal, long PagesChanged, string? Error = null)
{
    /// <summary>Something to know that is not a problem (an empty tablespace file, skipped as mariabackup skips it).</summary>
    public string? Note { get; init; }

    public long BytesChanged => PagesChanged * PageSize;
}
