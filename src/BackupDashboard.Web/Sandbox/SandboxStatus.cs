using BackupDashboard.Web.Health;

namespace BackupDashboard.Web.Sandbox;

/// <summary>What the sandbox server is doing, for /healthz and the overview page.</summary>
internal sealed class SandboxStatus
{
    private volatile string _state = "not started";
    private volatile bool _ok = true;

    public void Set(bool ok, string state)
    {
        _ok = ok;
        _state = state;
    }

    public ComponentHealth Describe() => new(_ok, _state);
}
