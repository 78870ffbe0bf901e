using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Tools.Tests;

/// <summary>tests/fakes/xtrabackup, run through the real ToolProcess with its settings in the environment.</summary>
internal static class FakeXtraBackup
{
    public static string Path { get; } = RepositoryRoot.Combine("tests", "fakes", "xtrabackup");

    public sealed record Run(ToolRunResult Result, IReadOnlyList<string> Stderr);

    public static async Task<Run> RunAsync(ToolInvocation invocation, IReadOnlyDictionary<string, string> environment)
    {
        // env(1) sets the fake's variables and execs it with the adapter's argv unchanged.
        var wrapped = new ToolInvocation("env",
            [.. environment.Select(e => $"{e.Key}={e.Value}"), invocation.Program, .. invocation.Arguments]);
        var stderr = new Dummy.Lines();
        var result = await ToolProcess.RunAsync(wrapped, null, stderr.Add, CancellationToken.None);
        return new Run(result, stderr.Snapshot());
    }
}
