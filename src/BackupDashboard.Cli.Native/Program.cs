using System.CommandLine;
using BackupDashboard.Cli.Native;
using BackupDashboard.Cli.PageVerbs;

// inspect, scan and verify read only files: answered here. Every other verb, and help and version
// for the whole tool, need the catalog and the configuration: bdash-core answers them, in this
// same process (exec), so exit codes, signals and the terminal are its own.
if (args.Length > 0 && PageVerbCommands.Names(args[0]))
{
    var root = BdashRoot.Create();
    foreach (var verb in PageVerbCommands.Create())
    {
        root.Subcommands.Add(verb);
    }

    return await BdashRoot.RunAsync(root, args, new InvocationConfiguration()).ConfigureAwait(false);
}

return CoreHandOff.Run(args);
