using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

/// <summary>A partial backup's filter on both tools' command lines, and what each refuses.</summary>
public sealed class PartialBackupArgumentTests
{
    private const string Defaults = "/tmp/bdash-cred-x/client.cnf";

    private static BackupRequest Full => new()
    {
        ToolPath = "/usr/bin/tool",
        TargetDir = "/backups/db1/part",
        Kind = BackupKind.Full,
        Verbose = false,
    };

    [Theory]
    [InlineData(BackupToolKind.MariaBackup)]
    [InlineData(BackupToolKind.XtraBackup)]
    public void The_filter_follows_the_target_as_the_tools_spell_it(BackupToolKind kind)
    {
        var databases = BackupTools.For(kind).Backup(Full with { Filter = new PartialFilter(Databases: "shop crm") }, Defaults);
        var tables = BackupTools.For(kind).Backup(Full with { Filter = new PartialFilter(Tables: "^shop[.]o", TablesExclude: "^shop[.]tmp") }, Defaults);

        Assert.Equal(["--defaults-extra-file=" + Defaults, "--backup", "--target-dir=/backups/db1/part", "--databases=shop crm"], databases.Arguments);
        Assert.Equal(["--defaults-extra-file=" + Defaults, "--backup", "--target-dir=/backups/db1/part", "--tables=^shop[.]o", "--tables-exclude=^shop[.]tmp"], tables.Arguments);
    }

    [Fact]
    public void Mariabackup_takes_databases_and_tables_together()
    {
        var invocation = BackupTools.For(BackupToolKind.MariaBackup).Backup(Full with { Filter = new PartialFilter("shop", "^shop[.]orders$") }, Defaults);

        Assert.Equal(["--databases=shop", "--tables=^shop[.]orders$"], invocation.Arguments.Skip(3));
    }

    [Fact]
    public void Xtrabackup_refuses_databases_with_tables_since_it_would_ignore_the_databases()
    {
        var e = Assert.Throws<NotSupportedException>(() =>
            BackupTools.For(BackupToolKind.XtraBackup).Backup(Full with { Filter = new PartialFilter("shop", "^shop[.]orders$") }, Defaults));

        Assert.Contains("ignores --databases", e.Message, StringComparison.Ordinal);
        Assert.Null(XtraBackupTool.FilterProblem(new PartialFilter(Tables: "^shop[.]")));
    }

    [Theory]
    [InlineData(BackupToolKind.MariaBackup)]
    [InlineData(BackupToolKind.XtraBackup)]
    public void A_partial_incremental_is_refused_by_both(BackupToolKind kind)
    {
        var e = Assert.Throws<ArgumentException>(() => BackupTools.For(kind).Backup(
            Full with { Kind = BackupKind.Incremental, IncrementalBaseDir = "/backups/db1/full", Filter = new PartialFilter(Databases: "shop") }, Defaults));

        Assert.Contains("may be inconsistent", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, null, "--databases is empty")]
    [InlineData("  ", null, null, "--databases is empty")]
    [InlineData("shop\ncrm", null, null, "--databases 'shop\\u000acrm' holds control characters")]
    [InlineData(null, "(shop", null, "--tables '(shop' is not a regular expression")]
    [InlineData(null, "^shop[.]", "[x", "--tables-exclude '[x' is not a regular expression")]
    [InlineData(null, "a\tb", null, "--tables 'a\\u0009b' holds control characters")]
    public void A_bad_value_is_refused_by_the_adapter_naming_the_option(string? databases, string? tables, string? exclude, string expected)
    {
        var filter = new PartialFilter(databases, tables, exclude);

        var e = Assert.Throws<ArgumentException>(() => BackupTools.For(BackupToolKind.MariaBackup).Backup(Full with { Filter = filter }, Defaults));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(expected, filter.Problem(BackupOrder.OptionName)!.Value.Problem[..expected.Length]);
    }

    [Fact]
    public void The_api_spells_the_field_as_sent()
    {
        var problem = new PartialFilter(TablesExclude: "(").Problem(field => field);

        Assert.Equal("tables_exclude", problem!.Value.Field);
        Assert.StartsWith("tables_exclude '(' is not a regular expression", problem.Value.Problem, StringComparison.Ordinal);
        Assert.Null(PartialFilter.Of(null, null, null));
        Assert.Equal("databases shop; tables excluded ^shop[.]tmp", PartialFilter.Of("shop", null, "^shop[.]tmp")!.Describe());
    }
}
