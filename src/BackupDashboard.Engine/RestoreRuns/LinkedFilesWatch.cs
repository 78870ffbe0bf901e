namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The stored files that incrementals' working copies hard-link to, each .delta and ib_logfile0
/// (docs/restore-plans.md, "The working copy"), with their size and last write as they were
/// before the run. Any write through a link
/// changes the stored file's mtime (link and unlink change only its ctime), so comparing after
/// each prepare catches a tool that writes where it was measured only to read.
/// </summary>
internal sealed class LinkedFilesWatch
{
    private readonly Dictionary<string, (long Length, DateTime Written)> _before;

    private LinkedFilesWatch(Dictionary<string, (long, DateTime)> before) => _before = before;

    public static LinkedFilesWatch Take(RestorePlan plan)
    {
        var before = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var stored in plan.Steps.Select(s => s.SharesFilesWith).OfType<string>())
        {
            var linked = Directory.EnumerateFiles(stored, "*.delta", SearchOption.AllDirectories).Append(Path.Combine(stored, "ib_logfile0")).Where(File.Exists);
            foreach (var file in linked)
            {
                var info = new FileInfo(file);
                before[file] = (info.Length, info.LastWriteTimeUtc);
            }
        }

        return new LinkedFilesWatch(before);
    }

    /// <summary>The stored linked files that are gone or no longer what they were.</summary>
    public IReadOnlyList<string> Changed() => _before
        .Where(entry =>
        {
            var info = new FileInfo(entry.Key);
            return !info.Exists || info.Length != entry.Value.Length || info.LastWriteTimeUtc != entry.Value.Written;
        })
        .Select(entry => entry.Key)
        .Order(StringComparer.Ordinal)
        .ToList();
}
