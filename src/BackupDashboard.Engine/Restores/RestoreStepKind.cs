namespace BackupDashboard.Engine.Restores;

/// <summary>What one step of a restore does; the plan lists them in the order they run.</summary>
public enum RestoreStepKind
{
    Copy,
    Prepare,
    CopyBack,
    MoveBack,
    RenameIntoPlace,
    Chown,
    Verify,

    /// <summary>A partial restore's table must exist on the running target (docs/restore-plans.md, "Partial backups").</summary>
    TableCheck,
    DiscardTablespace,
    CopyTableFiles,
    ImportTablespace,
}
