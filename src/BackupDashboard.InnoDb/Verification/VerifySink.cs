using System.Collections.Concurrent;

namespace BackupDashboard.InnoDb.Verification;

/// <summary>Collects findings from the parallel checkers.</summary>
internal sealed class VerifySink
{
    private long _checked;
    private long _zero;
    private long _doublewrite;

    public ConcurrentBag<BadPage> Bad { get; } = [];
    public ConcurrentBag<TornPage> Torn { get; } = [];
    public ConcurrentBag<FileProblem> Errors { get; } = [];
    public ConcurrentBag<FileProblem> Notes { get; } = [];
    public ConcurrentDictionary<(string Path, string Reason), long> Unchecked { get; } = new();

    public void NotCheckable(string path, string reason) => Unchecked.AddOrUpdate((path, reason), 1, (_, n) => n + 1);

    public void Count(long checkedPages, long zeroPages, long doublewritePages)
    {
        Interlocked.Add(ref _checked, checkedPages);
        Interlocked.Add(ref _zero, zeroPages);
        Interlocked.Add(ref _doublewrite, doublewritePages);
    }

    public VerifyReport ToReport() => new(
        _checked,
        _zero,
        _doublewrite,
        [.. Bad.OrderBy(b => b.Path, StringComparer.Ordinal).ThenBy(b => b.PageNo)],
        [.. Torn.OrderBy(t => t.Path, StringComparer.Ordinal)],
        [.. Errors.OrderBy(e => e.Path, StringComparer.Ordinal)])
    {
        Notes = [.. Notes.OrderBy(n => n.Path, StringComparer.Ordinal)],
        NotCheckable = [.. Unchecked.Select(u => new UncheckedPages(u.Key.Path, u.Key.Reason, u.Value)).OrderBy(u => u.Path, StringComparer.Ordinal).ThenBy(u => u.Reason, StringComparer.Ordinal)],
    };
}
