using BackupDashboard.InnoDb.Files;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Verification;

/// <summary>
/// Verifies every page of a backup directory (or a datadir): whole tablespace files and the
/// pages inside .delta files. Reports every bad page, torn last page and unreadable file;
/// never writes. Big files are split into page ranges so both cores share them.
/// </summary>
public static class BackupVerifier
{
    /// <summary>Pages per work item (64 MiB of 16 KiB pages).</summary>
    private const long PagesPerItem = 4096;

    public static VerifyReport Verify(string directory, CancellationToken cancellationToken = default) =>
        Verify(InnoDbDataFiles.Find(directory), cancellationToken);

    public static VerifyReport Verify(IReadOnlyList<InnoDbDataFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sink = new VerifySink();
        var items = new List<WorkItem>();
        foreach (var file in files)
        {
            Guard(sink, file, () => Plan(file, sink, items));
        }

        AllCores.ForEach(items.Count, index => Guard(sink, items[index].File, () => Run(items[index], sink)), cancellationToken);
        return sink.ToReport();
    }

    private static void Plan(InnoDbDataFile file, VerifySink sink, List<WorkItem> items)
    {
        if (file.Problem is { } problem)
        {
            sink.Errors.Add(new FileProblem(file.RelativePath, 0, problem));
            return;
        }

        if (file.IsEmpty)
        {
            sink.Notes.Add(new FileProblem(file.RelativePath, 0, Scanning.ChangedPageScanner.EmptyFileNote));
            return;
        }

        if (file.Kind == InnoDbFileKind.Delta)
        {
            items.Add(new WorkItem(file, null, DoublewriteArea.None, 0, 0, 0));
            return;
        }

        using var handle = TablespaceFile.OpenRead(file.Path);
        var format = TablespaceFile.ReadFormat(handle, file.RelativePath, wholePage: true);
        var ps = format.PhysicalPageSize;
        var pages = file.Length / ps;
        if (file.Length % ps != 0)
        {
            sink.Torn.Add(new TornPage(file.RelativePath, pages, pages * ps, file.Length % ps, ps));
        }

        var doublewrite = DoublewriteArea.Find(handle, format);
        for (long first = 0; first < pages; first += PagesPerItem)
        {
            items.Add(new WorkItem(file, format, doublewrite, first, Math.Min(PagesPerItem, pages - first), pages));
        }
    }

    private static void Run(WorkItem item, VerifySink sink)
    {
        if (item.Format is null)
        {
            DeltaFileChecker.Check(item.File.Path, item.File.RelativePath, sink);
            return;
        }

        using var handle = TablespaceFile.OpenRead(item.File.Path);
        FullFileChecker.Check(handle, item.File.RelativePath, item.Format, item.Doublewrite, item.FirstPage, item.PageCount, item.PagesInFile, sink);
    }

    private static void Guard(VerifySink sink, InnoDbDataFile file, Action action)
    {
        try
        {
            action();
        }
        catch (InnoDbFormatException e)
        {
            sink.Errors.Add(new FileProblem(file.RelativePath, e.Offset, e.Problem.Length > 0 ? e.Problem : e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            sink.Errors.Add(new FileProblem(file.RelativePath, 0, e.Message));
        }
    }

    private sealed record WorkItem(InnoDbDataFile File, TablespaceFormat? Format, DoublewriteArea Doublewrite, long FirstPage, long PageCount, long PagesInFile);
}
