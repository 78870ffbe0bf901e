using BackupDashboard.Cli.Commands;

return await CliApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

namespace BackupDashboard.Cli
{
    /// <summary>Exit codes shared by every verb, so scripts can tell failures apart.</summary>
    internal static class ExitCodes
    {
        public const int Ok = 0;
        public const int Failed = 1;
        public const int BadInput = 2;
    }
}
