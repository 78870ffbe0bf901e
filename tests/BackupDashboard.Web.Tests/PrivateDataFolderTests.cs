using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>A data folder left world-readable (0755, a 0644 catalog) is made private at start.</summary>
public sealed class PrivateDataFolderTests : IDisposable
{
    private const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TempFolder _data = new("bdash-private-");

    [Fact]
    public async Task An_open_data_folder_and_what_is_directly_in_it_lose_their_group_and_other_bits_at_start()
    {
        const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var backups = Directory.CreateDirectory(_data.Combine("backups")).FullName;
        var notes = _data.Combine("catalog-notes.txt");
        await File.WriteAllTextAsync(notes, "user names");
        File.SetUnixFileMode(_data.Path, Open);
        File.SetUnixFileMode(backups, Open);
        File.SetUnixFileMode(notes, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_data.Path));
        foreach (var entry in new[] { backups, notes, _data.Combine("catalog.db") })
        {
            Assert.True((File.GetUnixFileMode(entry) & GroupAndOther) == 0, $"{entry} is {File.GetUnixFileMode(entry)}");
        }
    }

    public void Dispose() => _data.Dispose();
}
