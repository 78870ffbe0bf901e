using System.Collections.Concurrent;

namespace BackupDashboard.Web.Account;

/// <summary>
/// Guessing passwords gets slow: after <see cref="SignInOptions.MaxFailures"/> wrong passwords
/// within <see cref="SignInOptions.Window"/>, by one user name or from one client address, that
/// user and that address are locked out for <see cref="SignInOptions.Lockout"/> (the sign-in form
/// and Basic credentials alike; docs/sessions.md). A right password after the lockout gets in and
/// clears the count. Kept in memory: a restart forgets it, as it forgets the attacker's progress.
/// </summary>
internal sealed partial class SignInGuard(SignInOptions options, TimeProvider clock, ILogger<SignInGuard> logger)
{
    private readonly ConcurrentDictionary<string, Record> _records = new(StringComparer.Ordinal);

    /// <summary>How long the user or the address stays locked out; null when neither is.</summary>
    public TimeSpan? LockedFor(string? user, string? address)
    {
        var now = clock.GetUtcNow();
        var until = new[] { Key("user", user), Key("address", address) }
            .Select(k => k is not null && _records.TryGetValue(k, out var r) ? r.LockedUntil : null)
            .Where(u => u > now)
            .Max();
        return until is { } end ? end - now : null;
    }

    public void Failed(string? user, string? address)
    {
        Rejected(Printable(user), address ?? "?");
        var now = clock.GetUtcNow();
        foreach (var key in new[] { Key("user", user), Key("address", address) })
        {
            if (key is null)
            {
                continue;
            }

            _records.AddOrUpdate(key, _ => new Record([now], null), (_, r) =>
            {
                var recent = r.Failures.Where(f => now - f < options.Window).Append(now).ToList();
                return recent.Count >= options.MaxFailures ? new Record([], now + options.Lockout) : new Record(recent, r.LockedUntil);
            });
            if (_records.TryGetValue(key, out var record) && record.LockedUntil > now)
            {
                LockedOut(key, options.Lockout.TotalSeconds);
            }
        }
    }

    public void Succeeded(string? user, string? address)
    {
        foreach (var key in new[] { Key("user", user), Key("address", address) })
        {
            if (key is not null)
            {
                _records.TryRemove(key, out _);
            }
        }
    }

    /// <summary>What was typed as the user name, safe for one log line.</summary>
    private static string Printable(string? user) =>
        user is null ? "(none)" : new string([.. user.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);

    private static string? Key(string kind, string? value) => string.IsNullOrEmpty(value) ? null : $"{kind}:{value}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in as {User} from {Address}")]
    private partial void Rejected(string user, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in locked out for {Who} for {Seconds} s after repeated wrong passwords")]
    private partial void LockedOut(string who, double seconds);

    private sealed record Record(IReadOnlyList<DateTimeOffset> Failures, DateTimeOffset? LockedUntil);
}

/// <summary>The "BackupDashboard:SignIn" section.</summary>
internal sealed class SignInOptions
{
    public const string SectionName = "BackupDashboard:SignIn";

    public int MaxFailures { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in attempts (the form's posts, requests with Basic credentials) per client address per minute, whatever their outcome.</summary>
    public int AttemptsPerMinute { get; set; } = 300;
}
