namespace BackupDashboard.InnoDb.Verification;

/// <summary>Every bad page of a directory, not just the first; clean when all lists are empty.</summary>
public sealed record VerifyReport(
    long PagesChecked,
    long ZeroPages,
    long DoublewritePages,
    IReadOnlyList<BadPage> BadPages,
    IReadOnlyList<TornPage> TornPages,
    IReadOnlyList<FileProblem> Errors)
{
    /// <summary>Pages that are not bad but could not be checked here, by file and reason (an encrypted page_compressed page needs the key).</summary>
    public IReadOnlyList<UncheckedPages> NotCheckable { get; init; } = [];

    /// <summary>Things to know that are not problems, by file (an empty tablespace file, skipped as mariabackup skips it).</summary>
    public IReadOnlyList<FileProblem> Notes { get; init; } = [];

    /// <summary>Torn last pages are tolerated (reported, not failed): a file being extended ends mid-page.</summary>
    public bool IsClean => BadPages.Count == 0 && Errors.Count == 0;
}

/// <summary>A page whose checksum or page number is wrong, still wrong when read again.</summary>
public sealed record BadPage(string Path, long PageNo, long Offset, string Reason);

/// <summary>How many pages of one file could not be checked, and why; never counted as bad.</summary>
public sealed record UncheckedPages(string Path, string Reason, long Pages);

/// <summary>A file that ends in the middle of a page.</summary>
public sealed record TornPage(string Path, long PageNo, long Offset, long Bytes, int PageSize);

/// <summary>A file that could not be checked at all (not InnoDB, broken delta structure, unreadable).</summary>
public sealed record FileProblem(string Path, long Offset, string Message);
