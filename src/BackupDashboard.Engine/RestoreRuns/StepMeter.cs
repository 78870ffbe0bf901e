using System.Text.RegularExpressions;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.RestoreRuns;

/// <summary>
/// Measures a running restore step from the outside, on the file system and in its log, because
/// neither cp nor the tools' prepare and copy-back report their progress in bytes: a copy by the
/// bytes that have arrived in its destination, an incremental's prepare by the .delta bytes the
/// tool has applied and unlinked (<see cref="StepWork"/>). The totals are taken when the step starts.
/// </summary>
internal sealed partial class StepMeter
{
    private readonly StepWork _work;
    private readonly Dictionary<string, long> _sources;

    private StepMeter(StepWork work, Dictionary<string, long> sources)
    {
        _work = work;
        _sources = sources;
        Total = sources.Values.Sum();
    }

    public long Total { get; }

    public static StepMeter Start(StepWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var sources = Files(work.From, work.To is null ? "*.delta" : "*").ToDictionary(f => f.Path, f => f.Length, StringComparer.Ordinal);
        return new StepMeter(work, sources);
    }

    /// <summary>The bytes done so far, and the file being written when the sizes show one half-copied.</summary>
    public (long Done, string? File) Read()
    {
        if (_work.To is null)
        {
            // What prepare has not applied yet is still there.
            var left = Files(_work.From, "*.delta").Sum(f => f.Length);
            return (Math.Clamp(Total - left, 0, Total), null);
        }

        long done = 0;
        string? partial = null;
        foreach (var (path, length) in Files(_work.To, "*"))
        {
            if (_sources.TryGetValue(path, out var whole))
            {
                done += Math.Min(length, whole);
                if (length > 0 && length < whole)
                {
                    partial = path;
                }
            }
        }

        return (Math.Min(done, Total), partial);
    }

    /// <summary>
    /// The file the tool last said it works on: "Copying X to Y" (copy-back), "Moving X to Y"
    /// (move-back), "Applying X to Y" (an incremental's prepare), as mariabackup and xtrabackup print them.
    /// </summary>
    public static string? FileNamedIn(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = ToolSaysFile().Match(line);
        return match.Success ? match.Groups["file"].Value : null;
    }

    /// <summary>Every regular file under a folder, as a path relative to it ("./db/t.ibd"); a folder that is gone (yet or already) has none.</summary>
    private static IEnumerable<(string Path, long Length)> Files(string root, string pattern)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        IEnumerable<FileInfo> files;
        try
        {
            files = new DirectoryInfo(root).EnumerateFiles(pattern, options).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var file in files)
        {
            long length;
            try
            {
                length = file.Length;
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            yield return ("./" + Path.GetRelativePath(root, file.FullName), length);
        }
    }

    [GeneratedRegex(@"\b(?:Copying|Moving|Applying) (?<file>\S+?)(?:\.\.\.)? to ", RegexOptions.CultureInvariant)]
    private static partial Regex ToolSaysFile();
}
