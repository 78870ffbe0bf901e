using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Browser.Tests;

/// <summary>
/// The dashboard as a separate process on a free loopback port with its own data folder:
/// either `dotnet run` from source (Development) or a published build started from another
/// working directory (Production). Stopped like an operator's Ctrl-C on dispose.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TempFolder _folder;

    private DashboardProcess(Process process, TempFolder folder, Uri baseUrl)
    {
        _process = process;
        _folder = folder;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }
    public string DataDir => _folder.Combine("data");
    public string Output { get { lock (_output) { return _output.ToString(); } } }
    public int ExitCode => _process.ExitCode;

    /// <summary>VmRSS of the dashboard's own process (a published build runs it directly).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The generated first password, while it exists (the admin's first sign-in replaces it).</summary>
    public string InitialPassword => File.ReadAllText(Path.Combine(DataDir, "initial-admin-password")).Trim();

    /// <summary>The password the admin chose at the first sign-in, once a test has walked through it.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>`dotnet run --no-build` of the web project, in the configuration these tests were built in.</summary>
    public static Task<DashboardProcess> RunFromSourceAsync(bool sandbox)
    {
        var configuration = typeof(DashboardProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BuildConfiguration").Value!;
        var project = RepositoryRoot.Combine("src", "BackupDashboard.Web");
        return StartAsync(["run", "--no-build", "-c", configuration, "--project", project], RepositoryRoot.Path, environment: null, sandbox);
    }

    /// <summary>Publishes the web project (Release) and runs the dll from an unrelated working directory.</summary>
    public static async Task<DashboardProcess> RunPublishedAsync(string publishDir)
    {
        var publish = await CommandResult.RunAsync("dotnet",
            ["publish", RepositoryRoot.Combine("src", "BackupDashboard.Web"), "-c", "Release", "-o", publishDir, "--nologo"], CancellationToken.None);
        Assert.True(publish.Succeeded, $"dotnet publish failed:{Environment.NewLine}{publish.StandardOutput}{publish.StandardError}");
        var elsewhere = Directory.CreateTempSubdirectory("bdash-cwd-").FullName;
        return await StartAsync([Path.Combine(publishDir, "BackupDashboard.Web.dll")], elsewhere, "Production", sandbox: false);
    }

    private static async Task<DashboardProcess> StartAsync(string[] arguments, string workingDirectory, string? environment, bool sandbox)
    {
        var folder = new TempFolder("bdash-ui-");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BackupDashboard__DataDir"] = folder.Combine("data");
        start.Environment["BackupDashboard__Sandbox"] = sandbox ? "auto" : "off";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{port}";
        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        var dashboard = new DashboardProcess(Process.Start(start)!, folder, new Uri($"http://127.0.0.1:{port}/"));
        await dashboard.WaitUntilHealthyAsync();
        return dashboard;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            Assert.False(_process.HasExited, $"The dashboard exited with {(_process.HasExited ? _process.ExitCode : 0)}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The dashboard did not become healthy within {StartTimeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>
    /// Asks the dashboard to stop the way a service manager does: SIGTERM to `dotnet run` and the
    /// app, not to the sandbox's mariadbd (the dashboard must stop that itself). Ctrl-C takes the
    /// same shutdown path; SIGINT is not used because a CI runner may start us with it ignored,
    /// and an ignored signal stays ignored in every child. Returns once the process has exited.
    /// </summary>
    public async Task StopAsync()
    {
        foreach (var pid in ProcessTable.Tree(_process.Id).Where(pid => ProcessTable.Name(pid) != "mariadbd"))
        {
            Signals.Send(pid, Signals.Terminate);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
