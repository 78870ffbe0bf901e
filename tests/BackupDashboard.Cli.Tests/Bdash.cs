using System.Diagnostics;
using System.Text.Json;
using BackupDashboard.Cli.Commands;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash as an operator runs it: a separate process with its own environment (data folder,
/// repository), so tests do not share configuration through this process's variables.
/// </summary>
internal sealed class Bdash(string dataDir, string? repository = null)
{
    public string DataDir { get; } = dataDir;

    /// <summary>The program started: null for bdash-core from this build (dotnet bdash-core.dll), else an installed bdash.</summary>
    public string? Program { get; init; }

    /// <summary>bdash as scripts/publish-bdash.sh installs it (test.sh publishes it into artifacts/bdash first).</summary>
    public static Bdash Installed(string dataDir) => new(dataDir) { Program = InstalledPath };

    public static string InstalledPath
    {
        get
        {
            var path = System.Environment.GetEnvironmentVariable("BDASH_INSTALLED") ?? BackupDashboard.TestSupport.RepositoryRoot.Combine("artifacts", "bdash", "bdash");
            return File.Exists(path) ? path
                : throw new InvalidOperationException($"No installed bdash at {path}: run scripts/publish-bdash.sh artifacts/bdash (test.sh does), or set BDASH_INSTALLED to one.");
        }
    }

    /// <summary>More environment for the bdash process (e.g. the fake XtraBackup's settings).</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Task<CliRun> RunAsync(params string[] args) => ExecuteAsync(args, input: null);

    /// <summary>bdash with <paramref name="input"/> piped to its stdin, as an operator feeds --password-stdin.</summary>
    public Task<CliRun> RunWithStdinAsync(string input, params string[] args) => ExecuteAsync(args, input);

    /// <summary>Starts bdash and returns at once (for tests that act while it runs).</summary>
    public (Process Process, Task<string> Output, Task<string> Error) Start(params string[] args) => Start(args, redirectInput: false);

    private async Task<CliRun> ExecuteAsync(string[] args, string? input)
    {
        var (process, output, error) = Start(args, redirectInput: input is not null);
        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync();
            return new CliRun(process.ExitCode, await output, await error);
        }
    }

    private (Process Process, Task<string> Output, Task<string> Error) Start(string[] args, bool redirectInput)
    {
        var start = new ProcessStartInfo(Program ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false };
        if (Program is null)
        {
            start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BackupDashboard__DataDir"] = DataDir;
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        if (repository is not null)
        {
            start.Environment["BackupDashboard__Repository"] = repository;
        }

        var process = Process.Start(start)!;
        return (process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    /// <summary>Registers a server backed up by the fake XtraBackup (no database server needed).</summary>
    public async Task AddFakeXtraBackupServerAsync(string name, string dataDir, string? passwordFile = null)
    {
        string[] password = passwordFile is null ? [] : ["--password-file", passwordFile];
        var added = await RunAsync(["server", "add", name, "--socket", "/nonexistent.sock", "--user", "bk", .. password,
            "--datadir", dataDir, "--tool", "xtrabackup", "--tool-path", BackupDashboard.TestSupport.FakeXtraBackup.Path]);
        Assert.True(added.ExitCode == 0, added.Error);
    }

    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var run = await RunAsync([.. args, "--json"]);
        Assert.True(run.ExitCode == 0, $"bdash {string.Join(' ', args)} exited {run.ExitCode}:{System.Environment.NewLine}{run.Output}{run.Error}");
        return run.Json;
    }
}
