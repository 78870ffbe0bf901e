using System.Globalization;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.TestSupport;

/// <summary>
/// A small tmpfs, for a disk that fills up. Mounting needs root (CI runs as root); anywhere
/// else the test fails with that reason rather than skipping.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private readonly TempFolder _folder;

    private TmpfsMount(TempFolder folder) => _folder = folder;

    public string Path => _folder.Path;

    public static async Task<TmpfsMount> CreateAsync(int sizeMegabytes)
    {
        var folder = new TempFolder("bdash-tmpfs-");
        var mount = await CommandResult.RunAsync("mount",
            ["-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={sizeMegabytes}m"), "tmpfs", folder.Path], CancellationToken.None);
        if (!mount.Succeeded)
        {
            folder.Dispose();
            throw new InvalidOperationException($"Cannot mount a tmpfs (this test needs root, as CI has): {mount.Tail()}");
        }

        return new TmpfsMount(folder);
    }

    public void Dispose()
    {
        CommandResult.RunAsync("umount", ["-l", _folder.Path], CancellationToken.None).GetAwaiter().GetResult();
        _folder.Dispose();
    }
}
