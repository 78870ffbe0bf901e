using System.Globalization;

namespace BackupDashboard.Engine.Retention;

/// <summary>
/// How much of a server's backups to keep: the newest <see cref="KeepChains"/> chains and/or every
/// chain needed to restore to any moment of the last <see cref="KeepDays"/> days. A chain goes
/// only when neither keeps it (docs/retention.md).
/// </summary>
public sealed record RetentionPolicy(int? KeepChains, int? KeepDays)
{
    public const int MaxChains = 10_000;
    public const int MaxDays = 36_500;

    /// <summary>Each field that is wrong, with why, in words an operator can act on (empty when the policy is one).</summary>
    public IReadOnlyList<(string Field, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        if (KeepChains is null && KeepDays is null)
        {
            problems.Add(("keep_chains", "Give keep_chains, keep_days or both: a policy that keeps nothing named would delete every chain but the newest."));
        }

        if (KeepChains is < 1 or > MaxChains)
        {
            problems.Add(("keep_chains", string.Create(CultureInfo.InvariantCulture, $"keep_chains is a number of chains from 1 to {MaxChains}, not {KeepChains}.")));
        }

        if (KeepDays is < 1 or > MaxDays)
        {
            problems.Add(("keep_days", string.Create(CultureInfo.InvariantCulture, $"keep_days is a number of days from 1 to {MaxDays}, not {KeepDays}.")));
        }

        return problems;
    }

    public override string ToString() => (KeepChains, KeepDays) switch
    {
        ({ } n, { } d) => string.Create(CultureInfo.InvariantCulture, $"keep {n} chain{(n == 1 ? "" : "s")} and {d} day{(d == 1 ? "" : "s")}"),
        ({ } n, null) => string.Create(CultureInfo.InvariantCulture, $"keep {n} chain{(n == 1 ? "" : "s")}"),
        (null, { } d) => string.Create(CultureInfo.InvariantCulture, $"keep {d} day{(d == 1 ? "" : "s")}"),
        _ => "keep nothing named",
    };
}
