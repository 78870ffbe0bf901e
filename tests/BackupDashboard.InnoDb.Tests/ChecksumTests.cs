using System.Text;
using BackupDashboard.InnoDb.Pages;

namespace BackupDashboard.InnoDb.Tests;

public class ChecksumTests
{
    [Fact]
    public void Crc32C_gives_the_standard_check_value_for_123456789()
    {
        Assert.Equal(0xE306_9283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Four_interleaved_crcs_equal_four_single_ones()
    {
        var data = new byte[4 * 1000];
        new Random(7).NextBytes(data);
        var results = new uint[4];
        Crc32C.ComputeFour(data, 1000, 997, results);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Crc32C.Compute(data.AsSpan(i * 1000, 997)), results[i]);
        }
    }

    [Fact]
    public void Crcs_equal_a_bit_by_bit_crc_at_every_length_and_register()
    {
        // Crc32C.Update folds with VPCLMULQDQ where the CPU has it (this machine's kind does) and
        // uses the crc32 instruction otherwise: either way it is what verify runs.
        var data = new byte[70_000];
        var random = new Random(11);
        random.NextBytes(data);
        var lengths = Enumerable.Range(0, 900)
            .Concat([1020, 4092, 8188, 16380, 32764, 65532]);
        foreach (var length in lengths)
        {
            var register = (uint)random.Next();
            var offset = random.Next(0, 64);
            var span = data.AsSpan(offset, length);
            Assert.Equal(BitByBit(register, span), Crc32C.Update(register, span));
        }
    }

    [Fact]
    public void Crc_is_what_innodb_stores_for_a_16k_page()
    {
        var bytes = Fixture.Bytes("live", "small.ibd");
        var page = bytes.AsSpan(0, 16384);
        var stored = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(page[^4..]);
        Assert.Equal(stored, Crc32C.Compute(page[..^4]));
        Assert.Equal(Crc32CFolding.IsSupported, Crc32CFolding.IsSupported && stored == ~Crc32CFolding.Update(0xFFFF_FFFF, page[..^4]));
    }

    /// <summary>The CRC register stepped one bit at a time: no table, no instruction, no folding.</summary>
    private static uint BitByBit(uint register, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            register ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                register = (register & 1) != 0 ? (register >> 1) ^ 0x82F6_3B78u : register >> 1;
            }
        }

        return register;
    }

    [Theory]
    [InlineData("live/small.ibd", ChecksumAlgorithm.FullCrc32)]
    [InlineData("full/legacy-4pages.ibd", ChecksumAlgorithm.Crc32)]
    [InlineData("full/zip.ibd", ChecksumAlgorithm.Crc32)]
    public void Every_page_of_a_real_tablespace_passes_and_its_algorithm_is_detected(string file, ChecksumAlgorithm algorithm)
    {
        var bytes = Fixture.Bytes(file.Split('/'));
        var format = TablespaceFormat.FromPage0(bytes)!;
        Assert.Equal(algorithm, format.Algorithm);
        for (var offset = 0; offset < bytes.Length; offset += format.PhysicalPageSize)
        {
            Assert.Null(PageChecksum.Check(bytes.AsSpan(offset, format.PhysicalPageSize), format));
        }
    }

    [Theory]
    [InlineData("live/small.ibd", 3, 100)]
    [InlineData("live/small.ibd", 0, 16383)]
    [InlineData("full/legacy-4pages.ibd", 2, 9000)]
    [InlineData("full/zip.ibd", 3, 4000)]
    public void A_flipped_bit_fails_the_checksum(string file, int pageNo, int byteInPage)
    {
        var bytes = Fixture.Bytes(file.Split('/'));
        var format = TablespaceFormat.FromPage0(bytes)!;
        var page = bytes.AsSpan(pageNo * format.PhysicalPageSize, format.PhysicalPageSize).ToArray();
        page[byteInPage] ^= 0x10;
        Assert.NotNull(PageChecksum.Check(page, format));
    }

    [Fact]
    public void An_all_zero_page_is_valid_in_every_layout()
    {
        Assert.Null(PageChecksum.CheckFullCrc32(new byte[16384]));
        Assert.Null(PageChecksum.CheckLegacy(new byte[16384]));
        Assert.Null(PageChecksum.CheckCompressed(new byte[8192]));
    }

    [Fact]
    public void A_page_with_a_good_crc_whose_header_and_trailer_lsn_differ_is_reported_as_torn()
    {
        var page = Fixture.Page("live/small.ibd", 3, 16384);
        page[16384 - 8] ^= 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(page.AsSpan(16384 - 4), Crc32C.Compute(page.AsSpan(0, 16384 - 4)));
        Assert.Contains("torn", PageChecksum.CheckFullCrc32(page)!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_innodb_checksum_is_accepted_and_a_flip_is_not()
    {
        var page = Fixture.Page("full/legacy-4pages.ibd", 3, 16384);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(page, LegacyChecksums.InnoDbNew(page));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(page.AsSpan(16384 - 8), LegacyChecksums.InnoDbOld(page));
        Assert.NotEqual(LegacyChecksums.Crc32(page), LegacyChecksums.InnoDbNew(page));
        Assert.Null(PageChecksum.CheckLegacy(page));
        page[500] ^= 4;
        Assert.NotNull(PageChecksum.CheckLegacy(page));
    }
}
