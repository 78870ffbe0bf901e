using System.Text;
using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.InnoDb.Tests;

public class MetadataTests
{
    [Fact]
    public void A_mariabackup_full_checkpoints_file_is_read_and_written_back_byte_for_byte()
    {
        var text = Fixture.Text("full", "xtrabackup_checkpoints");
        var file = CheckpointsFile.Parse(text);
        Assert.Equal("full-backuped", file.BackupType);
        Assert.Equal(0ul, file.FromLsn);
        Assert.True(file.ToLsn > 0 && file.LastLsn >= file.ToLsn);
        Assert.Equal(text, file.ToText());
    }

    [Fact]
    public void An_incremental_starts_where_its_base_ends()
    {
        var full = CheckpointsFile.Read(Fixture.Path("full", "xtrabackup_checkpoints"));
        var inc = CheckpointsFile.Read(Fixture.Path("inc", "xtrabackup_checkpoints"));
        Assert.True(inc.IsIncremental);
        Assert.Equal(full.ToLsn, inc.FromLsn);
    }

    [Theory]
    [InlineData("xtrabackup_checkpoints", "flushed_lsn,redo_memory,redo_frames")]
    [InlineData("xtrabackup_checkpoints_compact", "compact,recover_binlog_info")]
    public void Percona_keys_we_do_not_know_are_kept_in_order_when_lsns_change(string name, string unknownKeys)
    {
        var text = Fixture.Text("percona", name);
        var file = CheckpointsFile.Parse(text).WithBackupType("log-applied").WithLsns(1, 2, 3);
        var keys = file.Entries.Select(e => e.Key).ToList();
        Assert.Equal(["backup_type", "from_lsn", "to_lsn", "last_lsn", .. unknownKeys.Split(',')], keys);
        Assert.Contains("to_lsn = 2\n", file.ToText(), StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length, file.ToText().Split('\n').Length);
    }

    [Fact]
    public void An_lsn_that_is_not_a_number_names_the_file_and_the_line_offset()
    {
        var text = "backup_type = full-backuped\nfrom_lsn = 0\nto_lsn = 12x\n";
        var e = Assert.Throws<InnoDbFormatException>(() => CheckpointsFile.Parse(text, "cp"));
        Assert.Equal("cp", e.Path);
        Assert.Equal(text.IndexOf("to_lsn", StringComparison.Ordinal), e.Offset);
    }

    [Fact]
    public void A_huge_file_where_a_checkpoints_file_should_be_is_refused_without_reading_it()
    {
        using var folder = new TestSupport.TempFolder();
        var path = folder.Combine("xtrabackup_checkpoints");
        using (var stream = File.Create(path))
        {
            stream.SetLength(200L * 1024 * 1024);
        }

        var e = Assert.Throws<InnoDbFormatException>(() => CheckpointsFile.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Equal(MetadataText.MaxBytes, e.Offset);
    }

    [Fact]
    public void Binary_garbage_where_a_checkpoints_file_should_be_is_a_format_error()
    {
        var garbage = new byte[300];
        new Random(3).NextBytes(garbage);
        Assert.Throws<InnoDbFormatException>(() => CheckpointsFile.Parse(MetadataText.Decode(garbage, "cp"), "cp"));
    }

    [Fact]
    public void The_info_file_gives_tool_server_times_flags_and_lsns()
    {
        var info = BackupInfoFile.Read(Fixture.Path("inc", "xtrabackup_info"));
        var checkpoints = CheckpointsFile.Read(Fixture.Path("inc", "xtrabackup_checkpoints"));
        Assert.Equal("mariabackup", info.ToolName);
        Assert.StartsWith("10.11", info.ToolVersion, StringComparison.Ordinal);
        Assert.StartsWith("10.11", info.ServerVersion, StringComparison.Ordinal);
        Assert.True(info.EndTime >= info.StartTime);
        Assert.Equal(false, info.Partial);
        Assert.Equal(true, info.Incremental);
        Assert.False(info.Compressed);
        Assert.Equal("file", info.Format);
        Assert.Equal(checkpoints.FromLsn, info.InnoDbFromLsn);
        Assert.Equal(checkpoints.ToLsn, info.InnoDbToLsn);
        Assert.Equal("", info.Value("name"));
    }

    [Theory]
    [InlineData("small.ibd.meta", 16384, 0)]
    [InlineData("zip.ibd.meta", 8192, 8192)]
    public void A_meta_file_is_read_with_its_trailing_space_and_written_identically(string name, int pageSize, int zipSize)
    {
        var bytes = Fixture.Bytes("inc", name);
        var meta = DeltaMeta.Parse(Encoding.ASCII.GetString(bytes));
        Assert.Equal(pageSize, meta.PageSize);
        Assert.Equal(zipSize, meta.ZipSize);
        Assert.Equal(bytes, Encoding.ASCII.GetBytes(meta.ToText()));
    }

    [Theory]
    [InlineData("page_size = 16000\nzip_size = 0 \nspace_id = 5\n", 0)]
    [InlineData("page_size = 16384\nzip_size = 32768 \nspace_id = 5\n", 18)]
    [InlineData("page_size = 999999999999\nzip_size = 0 \nspace_id = 5\n", 0)]
    public void A_meta_with_an_impossible_page_size_names_the_offending_line(string text, int offset)
    {
        var e = Assert.Throws<InnoDbFormatException>(() => DeltaMeta.Parse(text, "t.meta"));
        Assert.Equal(offset, e.Offset);
        Assert.Contains("t.meta", e.Message, StringComparison.Ordinal);
    }
}
