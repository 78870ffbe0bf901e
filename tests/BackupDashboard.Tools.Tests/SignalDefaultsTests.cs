using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Tools.Tests;

public sealed class SignalDefaultsTests : IDisposable
{
    private readonly TempFolder _folder = new("bdash-env-");

    [Fact]
    public void This_machines_env_resets_signals()
    {
        Assert.True(SignalDefaults.EnvCanReset("/usr/bin/env"));
        Assert.True(SignalDefaults.Available);
    }

    [Fact]
    public void An_env_without_default_signal_is_recognised_so_tools_start_directly()
    {
        // coreutils 8.30's answer to an option it does not know.
        var oldEnv = _folder.Combine("env");
        File.WriteAllText(oldEnv, "#!/bin/sh\necho \"env: unrecognized option '$1'\" >&2\nexit 125\n");
        File.SetUnixFileMode(oldEnv, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.False(SignalDefaults.EnvCanReset(oldEnv));
        Assert.False(SignalDefaults.EnvCanReset(_folder.Combine("missing")));
    }

    public void Dispose() => _folder.Dispose();
}
