using BackupDashboard.Cli.Commands;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Cli.Tests;

/// <summary>What bdash restore prints as it runs: each step once, and on a terminal the running step's bar.</summary>
public class RestoreStepsTests
{
    private static RestoreProgress Begun(int step) => new(step, 3, step == 1 ? RestoreStepKind.Copy : RestoreStepKind.Prepare, "why");

    [Fact]
    public void On_a_terminal_a_measured_step_draws_its_bar_in_place_and_the_next_step_starts_on_its_own_line()
    {
        var terminal = new StringWriter();
        var steps = new RestoreSteps(terminal, drawBars: true);

        steps.Report(Begun(1));
        steps.Report(Begun(1) with { BytesDone = 45L << 20, BytesTotal = 100L << 20, TimeLeft = TimeSpan.FromSeconds(40), CurrentFile = "./shop/orders.ibd" });
        steps.Report(Begun(1) with { BytesDone = 90L << 20, BytesTotal = 100L << 20 });
        steps.Report(Begun(2));
        steps.Report(Begun(2) with { LastLine = "InnoDB: Starting final batch" });

        var lines = terminal.ToString().Split(Environment.NewLine);
        Assert.Equal("[1/3] copy: why", lines[0]);
        var bars = lines[1].Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(b => b.TrimEnd()).ToList();
        Assert.Equal(["[##############................]  45.0% 45 of 100 MiB about 00:00:40 left ./shop/orders.ibd", "[###########################...]  90.0% 90 of 100 MiB"], bars);
        Assert.Equal("[2/3] prepare: why", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void Written_to_a_file_only_each_steps_start_is_printed()
    {
        var file = new StringWriter();
        var steps = new RestoreSteps(file, drawBars: false);

        steps.Report(Begun(1));
        steps.Report(Begun(1) with { BytesDone = 45, BytesTotal = 100 });
        steps.Report(Begun(2));
        steps.EndBar();

        Assert.Equal($"[1/3] copy: why{Environment.NewLine}[2/3] prepare: why{Environment.NewLine}", file.ToString());
    }
}
