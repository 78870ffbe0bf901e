using System.CommandLine;
using BackupDashboard.InnoDb;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>Shared pieces of inspect/scan/verify: where output goes and how bad input is told.</summary>
internal static class InnoDbCommandOutput
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of a table." };

    public static Argument<string> DirectoryArgument(string description) => new("dir") { Description = description };

    /// <summary>Runs a verb, turning bad input into one clear line on stderr and exit code 2.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, Task<int>> verb)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await verb(output).ConfigureAwait(false);
        }
        catch (InnoDbFormatException e)
        {
            await error.WriteLineAsync($"bdash: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException or IOException)
        {
            await error.WriteLineAsync($"bdash: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
