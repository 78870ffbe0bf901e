namespace BackupDashboard.Cli.PageVerbs;

/// <summary>Exit codes shared by every verb, so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
}
