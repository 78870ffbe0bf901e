using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Pages;
using BackupDashboard.TestSupport;

namespace BackupDashboard.InnoDb.Tests;

public class DeltaFileTests
{
    [Theory]
    [InlineData("small.ibd.delta", 1)]
    [InlineData("zip.ibd.delta", 1)]
    [InlineData("empty.ibd.delta", 0)]
    public void The_writer_reproduces_mariabackups_delta_bytes_for_the_same_pages(string name, int pages)
    {
        var path = Fixture.Path("inc", name);
        var original = File.ReadAllBytes(path);
        using var reader = DeltaFileReader.Open(path);
        var read = new List<DeltaPage>();
        foreach (var cluster in reader.Clusters())
        {
            for (var i = 0; i < cluster.PageNumbers.Count; i++)
            {
                var page = new byte[reader.PageSize];
                reader.ReadExactly(page, cluster.PagesOffset + (i * reader.PageSize));
                read.Add(new DeltaPage(cluster.PageNumbers[i], page));
            }
        }

        Assert.Equal(pages, read.Count);
        Assert.Equal(original, DeltaFileWriter.ToBytes(reader.PageSize, read));
    }

    [Theory]
    [InlineData(1022, new[] { 1023 })]
    [InlineData(1023, new[] { 1024 })]
    [InlineData(1024, new[] { 1024, 2 })]
    [InlineData(2046, new[] { 1024, 1024 })]
    public void Clusters_hold_page_size_over_4_minus_1_pages_and_only_the_last_says_XTRA(int pageCount, int[] clusterPages)
    {
        const int PageSize = 4096;
        var pages = Enumerable.Range(0, pageCount).Select(n => new DeltaPage((uint)n * 3, new byte[PageSize])).ToList();
        var bytes = DeltaFileWriter.ToBytes(PageSize, pages);
        Assert.Equal(clusterPages.Sum() * PageSize, bytes.Length);

        using var folder = new TempFolder();
        var path = folder.Combine("t.delta");
        File.WriteAllBytes(path, bytes);
        using var reader = DeltaFileReader.Open(path, PageSize);
        var clusters = reader.Clusters().ToList();
        Assert.Equal(clusterPages.Length, clusters.Count);
        Assert.All(clusters.SkipLast(1), c => Assert.False(c.IsLast));
        Assert.True(clusters[^1].IsLast);
        Assert.Equal(pages.Select(p => p.PageNumber), clusters.SelectMany(c => c.PageNumbers));
        Assert.Equal((uint)DeltaClusterHeader.LastMagic, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)clusters[^1].HeaderOffset)));
    }

    [Fact]
    public void A_delta_page_is_the_same_page_the_live_tablespace_has_now()
    {
        using var reader = DeltaFileReader.Open(Fixture.Path("inc", "small.ibd.delta"));
        var cluster = Assert.Single(reader.Clusters());
        var pageNo = Assert.Single(cluster.PageNumbers);
        var page = new byte[16384];
        reader.ReadExactly(page, cluster.PagesOffset);
        Assert.Equal(pageNo, FilHeader.Parse(page).PageNumber);
        Assert.Equal(Fixture.Page("live/small.ibd", (int)pageNo, 16384), page);
    }

    [Fact]
    public void A_wrong_magic_is_reported_with_the_cluster_offset()
    {
        var bytes = Fixture.Bytes("inc", "small.ibd.delta");
        bytes[0] = (byte)'Q';
        var e = Assert.Throws<InnoDbFormatException>(() => ReadAll(bytes, 16384));
        Assert.Equal(0, e.Offset);
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_listing_more_pages_than_the_file_holds_is_reported()
    {
        var bytes = Fixture.Bytes("inc", "small.ibd.delta");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 5);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), FilHeader.NullPage);
        var e = Assert.Throws<InnoDbFormatException>(() => ReadAll(bytes, 16384));
        Assert.Contains("lists 2 pages but the file holds only 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_delta_names_the_offset_where_it_ends()
    {
        var bytes = Fixture.Bytes("inc", "small.ibd.delta")[..20000];
        var e = Assert.Throws<InnoDbFormatException>(() => ReadAll(bytes, 16384));
        Assert.Equal(0, e.Offset);
        Assert.Contains("the file holds only 0", e.Message, StringComparison.Ordinal);
    }

    private static long ReadAll(byte[] bytes, int pageSize)
    {
        using var folder = new TempFolder();
        var path = folder.Combine("t.delta");
        File.WriteAllBytes(path, bytes);
        using var reader = DeltaFileReader.Open(path, pageSize);
        return reader.CountPages();
    }
}
