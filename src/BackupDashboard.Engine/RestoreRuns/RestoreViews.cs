using System.Text.Json.Serialization;
using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Restores;

/// <summary>A plan as bdash restore --plan --json and the API show it.</summary>
public sealed record RestorePlanView(
    [property: JsonPropertyName("restore_point")] BackupView RestorePoint,
    [property: JsonPropertyName("chain")] IReadOnlyList<string> Chain,
    [property: JsonPropertyName("datadir")] string DataDir,
    [property: JsonPropertyName("in_place")] bool InPlace,
    [property: JsonPropertyName("steps")] IReadOnlyList<RestoreStepView> Steps,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("partial")] bool Partial,
    [property: JsonPropertyName("run_by")] string RunBy)
{
    public static RestorePlanView From(RestorePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(BackupView.From(plan.RestorePoint), plan.Chain.Select(b => b.Id).ToList(), plan.Options.DataDir, plan.Options.InPlace,
            plan.Steps.Select(RestoreStepView.From).ToList(), plan.Warnings, plan.IsPartial, plan.IsPartial ? "operator" : "bdash");
    }
}

public sealed record RestoreStepView(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("argv")] IReadOnlyList<string> Argv,
    [property: JsonPropertyName("why")] string Why)
{
    /// <summary>The command as one shell line, quoted where a word needs it (what the runbook writes).</summary>
    [JsonIgnore]
    public string CommandLine => ShellWords.Command(Argv);

    public static RestoreStepView From(RestoreStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(KindName(step.Kind), step.Argv, step.Why);
    }

    /// <summary>copy, prepare, copy-back, move-back, rename, chown, verify; table-check, discard-tablespace, copy-table-files, import-tablespace.</summary>
    public static string KindName(RestoreStepKind kind) => RestoreRunbook.Name(kind);
}

/// <summary>The end of a restore run as bdash restore --json and the API show it.</summary>
public sealed record RestoreResultView(
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("restore_complete")] bool RestoreComplete,
    [property: JsonPropertyName("problem")] string? Problem,
    [property: JsonPropertyName("plan")] RestorePlanView Plan,
    [property: JsonPropertyName("steps")] IReadOnlyList<RestoreStepResultView> Steps,
    [property: JsonPropertyName("tables_checked")] int? TablesChecked,
    [property: JsonPropertyName("table_problems")] IReadOnlyList<string> TableProblems,
    [property: JsonPropertyName("tables_not_checked")] IReadOnlyList<string> TablesNotChecked,
    [property: JsonPropertyName("log_dir")] string LogDir,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
{
    public static RestoreResultView From(RestoreResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Succeeded, result.RestoreComplete, result.Problem, RestorePlanView.From(result.Plan),
            result.Steps.Select(s => new RestoreStepResultView(s.Number, RestoreStepView.KindName(s.Step.Kind), s.ExitCode, s.Duration.TotalSeconds, s.LogFile, s.Note)).ToList(),
            result.Check?.TablesChecked, result.Check?.Problems ?? [], result.Check?.Unchecked ?? [], result.LogDir, result.Notes);
    }
}

public sealed record RestoreStepResultView(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("exit_code")] int ExitCode,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("log")] string Log,
    [property: JsonPropertyName("note")] string? Note);
