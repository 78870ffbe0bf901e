using BackupDashboard.Engine.Tools;

namespace BackupDashboard.TestSupport;

/// <summary>
/// A folder shown again at another path (mount --bind): one file system, two mounts, so rename(2)
/// between them fails with EXDEV while they share free space. Needs root, as <see cref="TmpfsMount"/>.
/// </summary>
public sealed class BindMount : IDisposable
{
    private BindMount(string path) => Path = path;

    public string Path { get; }

    public static async Task<BindMount> CreateAsync(string folder, string at)
    {
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(at);
        var mount = await CommandResult.RunAsync("mount", ["--bind", folder, at], CancellationToken.None);
        return mount.Succeeded
            ? new BindMount(at)
            : throw new InvalidOperationException($"Cannot bind-mount {folder} on {at} (this test needs root, as CI has): {mount.Tail()}");
    }

    public void Dispose() => CommandResult.RunAsync("umount", ["-l", Path], CancellationToken.None).GetAwaiter().GetResult();
}
