namespace BackupDashboard.Engine.Restores;

/// <summary>The runbook's guards: the checks the product makes before writing, written out in bash.</summary>
internal static class RunbookChecks
{
    /// <summary>A running server's datadir is never empty (its pid file, its redo log), so this also refuses one in use.</summary>
    public static void EmptyTarget(RunbookText script, string dataDir)
    {
        script.Comment("Before anything is written: the target datadir must be empty or absent. A running server's datadir is never empty, so this also refuses one in use.");
        script.Line($"datadir={ShellWords.Quote(dataDir)}");
        script.Line("if [ -e \"$datadir\" ] && { [ ! -d \"$datadir\" ] || [ -n \"$(ls -A -- \"$datadir\")\" ]; }; then");
        script.Line("  echo \"The target datadir $datadir is not empty: restore into an empty or new directory.\" >&2");
        script.Line("  exit 1");
        script.Line("fi");
        script.Blank();
    }

    /// <summary>cp into a leftover working copy would merge old, possibly prepared files into the new one.</summary>
    public static void FreshWorkDir(RunbookText script, string workDir)
    {
        script.Comment("The working copy starts empty: copying into a leftover one would mix old files into it.");
        script.Line($"workdir={ShellWords.Quote(workDir)}");
        script.Line("if [ -e \"$workdir\" ] && { [ ! -d \"$workdir\" ] || [ -n \"$(ls -A -- \"$workdir\")\" ]; }; then");
        script.Line("  echo \"$workdir is not empty (a leftover working copy?): remove it first.\" >&2");
        script.Line("  exit 1");
        script.Line("fi");
        script.Line("mkdir -p -- \"$workdir\"");
        script.Blank();
    }

    /// <summary>mariabackup copies back an unprepared backup with rc 0 and no warning (docs/restore-plans.md).</summary>
    /// <param name="notDoing">What the script then does not do, in words without quotes.</param>
    public static void Prepared(RunbookText script, string checkpoints, string notDoing = "not copying it back")
    {
        script.Comment("mariabackup copies back an unprepared backup without a word, so check that prepare finished: the base's checkpoints must say backup_type = log-applied or full-prepared.");
        script.Line($"backup_type=\"$(sed -n 's/^backup_type = //p' {ShellWords.Quote(checkpoints)})\"");
        script.Line("case \"$backup_type\" in");
        script.Line("  log-applied|full-prepared) echo \"Prepared: backup_type = $backup_type\" ;;");
        script.Line($"  *) echo {ShellWords.Quote($"{checkpoints} says backup_type = ")}\"$backup_type\"': not prepared, {notDoing}.' >&2; exit 1 ;;");
        script.Line("esac");
    }

    /// <summary>mv(1) copies when the two are on different mounts; the plan chose a rename, so anything else stops here.</summary>
    public static void RenameIntoPlace(RunbookText script, RestoreStep step, IReadOnlyList<string> skips)
    {
        var (from, to) = (ShellWords.Quote(step.Argv[^2]), ShellWords.Quote(step.Argv[^1]));
        script.Line($"mkdir -p -- \"$(dirname -- {to})\"");
        script.Line($"if [ \"$(stat -c %m -- {from})\" != \"$(stat -c %m -- \"$(dirname -- {to})\")\" ]; then");
        script.Line($"  echo {ShellWords.Quote("The working copy and the datadir are not on the same mount: run --copy-back instead of the rename.")} >&2");
        script.Line("  exit 1");
        script.Line("fi");
        script.Line(ShellWords.Command(step.Argv));
        script.Comment("Delete what --copy-back leaves out (names ending so):");
        script.Line($"find {to} -type f \\( {string.Join(" -o ", skips.Select(e => "-name " + ShellWords.Quote("*" + e)))} \\) -delete");
    }

    /// <summary>
    /// The holes cp --sparse=always left in the prepared working copy, allocated without writing
    /// (fallocate(1)) as the runner does (HoleAllocation), except where the stored full's file has
    /// holes of its own.
    /// </summary>
    public static void AllocateHoles(RunbookText script, HolesToAllocate holes)
    {
        var copy = ShellWords.Quote(holes.PreparedDir);
        var stored = ShellWords.Quote(holes.StoredFull);
        script.Comment("Allocate the zero blocks cp --sparse=always left out, without writing them; a stored file with holes of its own (page compression) keeps them:");
        script.Line($"find {copy} -type f -printf '%S\\t%s\\t%P\\n' | while IFS=$'\\t' read -r sparseness size file; do");
        script.Line("  case $sparseness in 0*) ;; *) continue ;; esac");
        script.Line($"  if [ -f {stored}/\"$file\" ]; then case $(find {stored}/\"$file\" -printf %S) in 0*) continue ;; esac; fi");
        script.Line($"  fallocate -l \"$size\" -- {copy}/\"$file\"");
        script.Line("done");
    }

    public static void ChownIfUserExists(RunbookText script, RestoreStep step, string owner)
    {
        var user = ShellWords.Quote(owner.Split(':')[0]);
        script.Line($"if id -u {user} >/dev/null 2>&1; then");
        script.Line("  " + ShellWords.Command(step.Argv));
        script.Line("else");
        script.Line($"  echo {ShellWords.Quote($"Note: no user {owner.Split(':')[0]} on this machine; ownership left as it is.")} >&2");
        script.Line("fi");
    }

    public static void VerifyByHand(RunbookText script, RestoreStep step, string dataDir)
    {
        var (check, admin) = step.Argv[0] == "mariadbd" ? ("mariadb-check", "mariadb-admin") : ("mysqlcheck", "mysqladmin");
        script.Comment("To verify by hand: start a temporary server on the restored datadir as its owner, with no grant tables and no TCP, its own socket and pid file (replace TEMP_DIR; add the innodb_* settings and any encryption plugin lines of the backup's backup-my.cnf, e.g. innodb_page_size), for example:");
        script.CommentLine("#   " + ShellWords.Command(step.Argv) + " &");
        script.Comment($"then run CHECK TABLE over every InnoDB table ({check} --all-databases --check --socket=TEMP_DIR/verify.sock), and stop it ({admin} --socket=TEMP_DIR/verify.sock shutdown). The restored datadir is {dataDir}.");
    }
}
