namespace BackupDashboard.Engine.Restores;

/// <summary>
/// How to restore. <paramref name="DataDir"/> is always passed as --datadir: the tools' default
/// is /var/lib/mysql (docs/restore-plans.md). <paramref name="InPlace"/> prepares the stored
/// chain itself, which uses it up; otherwise a working copy goes to <paramref name="ScratchDir"/>
/// (default &lt;DataDir&gt;.restore-work, a sibling of the target). <paramref name="ToolPath"/>
/// is argv[0] of the tool steps (default: the tool's name, found on PATH).
/// </summary>
public sealed record RestoreOptions(
    string DataDir,
    bool MoveBack = false,
    bool InPlace = false,
    bool Verify = false,
    string Owner = "mysql:mysql",
    string? ScratchDir = null,
    string? ToolPath = null)
{
    public const string ScratchSuffix = ".restore-work";

    /// <summary>Where the working copy goes; null when the stored chain is prepared in place.</summary>
    public string? WorkDir => InPlace ? null : ScratchDir ?? Path.TrimEndingDirectorySeparator(DataDir) + ScratchSuffix;
}
