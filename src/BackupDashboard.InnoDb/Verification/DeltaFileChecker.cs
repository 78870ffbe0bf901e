using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Verification;

/// <summary>
/// Checks every page inside a .delta against the page number its header slot claims. The
/// format comes from the .meta, refined by page 0 when the delta carries it (it is listed
/// first, pages being in ascending order); without page 0 every algorithm is accepted.
/// </summary>
internal static class DeltaFileChecker
{
    public static void Check(string fullPath, string path, VerifySink sink)
    {
        var meta = DeltaFileReader.MetaPathFor(fullPath) is { } metaPath
            ? DeltaMeta.Read(metaPath)
            : throw new InnoDbFormatException(path, 0, "no .meta file beside the delta");
        using var reader = DeltaFileReader.Open(fullPath, meta.PhysicalPageSize);
        var format = TablespaceFormat.FromMeta(meta.PageSize, meta.ZipSize, meta.SpaceId);
        var ps = meta.PhysicalPageSize;
        var page = new byte[ps];
        var doublewrite = DoublewriteArea.AssumedForSystemDelta(meta.SpaceId, meta.PageSize, meta.ZipSize != 0);
        long checkedPages = 0, zero = 0, doublewritePages = 0;
        foreach (var cluster in reader.Clusters())
        {
            for (var i = 0; i < cluster.PageNumbers.Count; i++)
            {
                var pageNo = cluster.PageNumbers[i];
                var offset = cluster.PagesOffset + ((long)i * ps);
                if (doublewrite.Contains(pageNo))
                {
                    doublewritePages++;
                    continue;
                }

                reader.ReadExactly(page, offset);
                if (pageNo == 0 && TablespaceFormat.FromPage0(page) is { } fromPage0 && fromPage0.PhysicalPageSize == ps)
                {
                    format = fromPage0;
                }

                checkedPages++;
                var reason = PageJudge.Judge(page, format, pageNo, checkPageNo: true, pagesInFile: 0, out var notCheckable);
                if (reason is not null)
                {
                    reader.ReadExactly(page, offset);
                    reason = PageJudge.Judge(page, format, pageNo, checkPageNo: true, pagesInFile: 0, out notCheckable);
                }

                if (reason is null && notCheckable is not null)
                {
                    checkedPages--;
                    sink.NotCheckable(path, notCheckable);
                }

                if (reason is not null)
                {
                    sink.Bad.Add(new BadPage(path, pageNo, offset, reason));
                }
                else if (PageChecksum.IsAllZeroGood(page))
                {
                    zero++;
                }
            }
        }

        sink.Count(checkedPages, zero, doublewritePages);
    }
}
