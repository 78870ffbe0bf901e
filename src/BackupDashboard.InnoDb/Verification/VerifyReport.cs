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
    /// <summary>Torn last pages are tolerated (reported, not failed): a file being extended ends mid-page.</summary>
    public bool IsClean => BadPages.Count == 0 && Errors.Count == 0;
}

/// <summary>A page whose checksum or page number is wrong, still wrong when read again.</summary>
public sealed record BadPage(string Path, long PageNo, long Offset, string Reason);

/// <summary>A file that ends in the middle of a page.</summary>
public sealed record TornPage(string Path, long PageNo, long Offset, long Bytes, int PageSize);

/// <summary>A file that could not be checked at all (not InnoDB, broken delta structure, unreadable).</summary>
public sealed record FileProblem(string Path, long Offset, string Message);
