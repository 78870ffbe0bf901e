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
}
