using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// A database server the operator has registered: how to reach it, whose datadir it is and
/// which tool backs it up. Reached through a unix socket when <see cref="SocketPath"/> is set,
/// otherwise through <see cref="Host"/>:<see cref="Port"/>.
/// </summary>
public sealed record RegisteredServer
{
    public required string Name { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? SocketPath { get; init; }
    public required string User { get; init; }
    public required string DataDir { get; init; }
    public BackupToolKind Tool { get; init; } = BackupToolKind.MariaBackup;

    /// <summary>The backup tool's program; null means look it up on PATH.</summary>
    public string? ToolPath { get; init; }

    public bool HasPassword { get; init; }

    /// <summary>True for the sample server the dashboard starts itself when nothing else is registered.</summary>
    public bool IsSandbox { get; init; }

    public string Endpoint => SocketPath is not null ? $"socket {SocketPath}" : $"{Host}:{Port}";
}
