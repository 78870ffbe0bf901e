using System.CommandLine;
using System.CommandLine.Help;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>
/// The root of bdash's command tree, named "bdash" whichever program parses it. A RootCommand
/// takes its name from the running program, which would show "bdash-core" in help and usage after
/// the native bdash has handed a verb to it.
/// </summary>
public static class BdashRoot
{
    public static Command Create()
    {
        var root = new Command("bdash", "bdash: InnoDB physical backups, chains and restores (BackupDashboard).");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        return root;
    }

    /// <summary>
    /// Parses and runs. A command line that does not parse (an unknown verb, a missing argument)
    /// is bad input: exit 2 with System.CommandLine's own message and help, as every refusal.
    /// </summary>
    public static async Task<int> RunAsync(Command root, string[] args, InvocationConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        var code = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        return parse.Errors.Count > 0 && code == ExitCodes.Failed ? ExitCodes.BadInput : code;
    }
}
