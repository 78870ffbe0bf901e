using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Tests;

public class PageFormatTests
{
    [Theory]
    [InlineData(0x13u, 4096)]
    [InlineData(0x14u, 8192)]
    [InlineData(0x15u, 16384)]
    [InlineData(0x16u, 32768)]
    [InlineData(0x17u, 65536)]
    public void Full_crc32_flags_give_the_page_size(uint flags, int pageSize)
    {
        var decoded = FspFlags.TryDecode(flags)!.Value;
        Assert.True(decoded.IsFullCrc32);
        Assert.Equal(pageSize, decoded.PageSize);
        Assert.Equal(0, decoded.ZipSize);
    }

    [Theory]
    [InlineData(0x21u, 16384, 0)]
    [InlineData(0x29u, 16384, 8192)]
    [InlineData(0x23u, 16384, 1024)]
    [InlineData(0xE1u, 4096, 0)]
    [InlineData(0x121u, 8192, 0)]
    [InlineData(0x1A1u, 32768, 0)]
    [InlineData(0x1E1u, 65536, 0)]
    public void Older_mysql_layout_flags_give_the_page_and_zip_size(uint flags, int pageSize, int zipSize)
    {
        var decoded = FspFlags.TryDecode(flags)!.Value;
        Assert.False(decoded.IsFullCrc32);
        Assert.Equal(pageSize, decoded.PageSize);
        Assert.Equal(zipSize, decoded.ZipSize);
    }

    [Theory]
    [InlineData(0x10u)]
    [InlineData(0x12u)]
    [InlineData(0x40u)]
    [InlineData(0x0Du)]
    public void Flags_that_describe_no_page_size_are_rejected(uint flags)
    {
        Assert.Null(FspFlags.TryDecode(flags));
    }

    [Fact]
    public void The_fil_header_of_a_real_page_carries_its_number_space_and_lsn()
    {
        var meta = DeltaMeta.Read(Fixture.Path("inc", "small.ibd.meta"));
        var page = Fixture.Page("live/small.ibd", 4, 16384);
        var header = FilHeader.Parse(page);
        var trailer = FilTrailer.Parse(page);
        Assert.Equal(4u, header.PageNumber);
        Assert.Equal(meta.SpaceId, header.SpaceId);
        Assert.Equal((uint)header.Lsn, trailer.First);
        Assert.Equal(Crc32C.Compute(page.AsSpan(0, 16380)), trailer.Second);
        Assert.Equal(17855, header.Type);
    }

    [Fact]
    public void A_compressed_tablespace_reads_its_zip_size_from_page_0()
    {
        var format = TablespaceFormat.FromPage0(Fixture.Bytes("full", "zip.ibd"))!;
        Assert.Equal(16384, format.PageSize);
        Assert.Equal(8192, format.ZipSize);
        Assert.Equal(DeltaMeta.Read(Fixture.Path("inc", "zip.ibd.meta")).SpaceId, format.SpaceId);
    }
}
