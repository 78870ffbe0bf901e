
namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The working copy's incrementals are copied while the full is being prepared (docs/restore-plans.md,
/// "Into place"): the full's prepare reads only the full's own copy, and no incremental is
/// needed before the second prepare, so the copy of the incrementals, one after another, runs
/// beside the first prepare instead of before it. Everything else waits for them. Progress
/// names the steps the run waits on (the full's prepare), so it never goes backwards.
/// <c>copied</c> is called once every copy has succeeded (the runner starts their writeback then).
/// </summary>
internal sealed class IncrementalCopies
{
    private readonly Func<int, CancellationToken, Task<RestoreStepOutcome>> _run;
    private readonly Action? _copied;
    private readonly List<int> _steps;
    private readonly int _firstPrepare;
    private Task<List<(int Number, RestoreStepOutcome Outcome)>>? _running;

    public IncrementalCopies(RestorePlan plan, Func<int, CancellationToken, Task<RestoreStepOutcome>> run, Action? copied = null)
    {
        _run = run;
        _copied = copied;
        var copySteps = Enumerable.Range(0, plan.Steps.Count).Where(i => plan.Steps[i].Kind == RestoreStepKind.Copy).ToList();
        _firstPrepare = Enumerable.Range(0, plan.Steps.Count).FirstOrDefault(i => plan.Steps[i].Kind == RestoreStepKind.Prepare, -1);
        // The first copy is the full's, which its prepare needs; the others are the incrementals'.
        _steps = _firstPrepare < 0 ? [] : copySteps.Skip(1).Where(i => i < _firstPrepare).ToList();
    }

    /// <summary>The step index where the copies start (the first incremental's copy), or -1.</summary>
    public int First => _steps.Count > 0 ? _steps[0] : -1;

    /// <summary>True for a step carried out here, in the background.</summary>
    public bool Covers(int step) => _steps.Contains(step);

    /// <summary>Only the full's prepare may run while the incrementals are being copied.</summary>
    public bool MayRunAlongside(int step) => step == _firstPrepare;

    public void Start(CancellationToken cancellationToken) => _running = Task.Run(async () =>
    {
        var done = new List<(int, RestoreStepOutcome)>();
        foreach (var i in _steps)
        {
            var outcome = await _run(i, cancellationToken).ConfigureAwait(false);
            done.Add((i + 1, outcome));
            if (outcome.ExitCode != 0)
            {
                return done;
            }
        }

        _copied?.Invoke();
        return done;
    }, cancellationToken);

    /// <summary>The copies' outcomes, in order, once every one has ended (empty when none ran or they were already collected).</summary>
    public async Task<IReadOnlyList<(int Number, RestoreStepOutcome Outcome)>> FinishedAsync()
    {
        if (_running is null)
        {
            return [];
        }

        var running = _running;
        _running = null;
        try
        {
            return await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }
}
