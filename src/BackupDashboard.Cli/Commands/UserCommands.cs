using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackupDashboard.Engine.Access;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Cli.Commands;

/// <summary>
/// bdash user add|list|remove|passwd|role: the dashboard's users (docs/access.md), under the same
/// rules as the Users page, because both go through <see cref="UserAccounts"/>. bdash signs no one
/// in: whoever can run it with the data folder's owner's rights can read the catalog anyway, so
/// it acts as an admin. A password is never taken on the command line (it would land in the shell
/// history, the process list and the audit log): it is generated and shown once, or read from stdin.
/// </summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var user = new Command("user", "Dashboard users and their roles (viewer, operator, admin). bdash acts as an admin here: it runs with the data folder's owner's rights and writes the catalog directly, so it signs no one in.");
        user.Subcommands.Add(Add());
        user.Subcommands.Add(List());
        user.Subcommands.Add(Remove());
        user.Subcommands.Add(Passwd());
        user.Subcommands.Add(SetRole());
        return user;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME");
        var role = new Option<string>("--role") { Required = true, Description = $"What the user may do: {Roles.Choices}." };
        var passwordStdin = PasswordStdinOption("The first password, one line on stdin (otherwise one is generated and shown once).");
        var json = new Option<bool>("--json");
        var command = new Command("add", "Add a user, who must change the password at first sign-in.") { name, role, passwordStdin, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var userName = parse.GetValue(name)!;
            if (await NameRefusedAsync(userName, error).ConfigureAwait(false) is { } badName)
            {
                return badName;
            }

            if (Roles.Parse(parse.GetValue(role)) is not { } chosen)
            {
                await error.WriteLineAsync($"bdash: --role: not a role; a role is {Roles.Choices}.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var (password, badPassword) = await PasswordFromStdinAsync(parse.GetValue(passwordStdin), userName, error, cancellationToken).ConfigureAwait(false);
            if (badPassword is { } refused)
            {
                return refused;
            }

            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var accounts = host.Services.GetRequiredService<UserAccounts>();
            string? generated;
            try
            {
                generated = await accounts.AddAsync(userName, chosen, password, cancellationToken).ConfigureAwait(false);
            }
            catch (AccessRefusedException e)
            {
                return await RefusedAsync(e, error, roleField: "--role").ConfigureAwait(false);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var added = (await accounts.FindAsync(userName, cancellationToken).ConfigureAwait(false))!;
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    added.Name, Role = added.RoleName, added.MustChangePassword, added.CreatedAt, added.PasswordChangedAt, Password = generated,
                }, CliJson.Options)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"Added {userName} ({chosen.Name()}).").ConfigureAwait(false);
                await output.WriteLineAsync(generated is null
                    ? $"The password given must be changed at {userName}'s first sign-in."
                    : $"Password for {userName} (shown once; it must be changed at first sign-in): {generated}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List the dashboard's users and their roles (never their passwords).") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
            var users = await host.Services.GetRequiredService<UserAccounts>().ListAsync(cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(users, CliJson.Options)
                : users.Count == 0 ? "No users yet: the dashboard creates the first admin when it starts, or add one with bdash user add NAME --role admin."
                : TextTable.Format(["NAME", "ROLE", "MUST CHANGE PASSWORD", "CREATED (UTC)", "PASSWORD CHANGED (UTC)"], users.Select(u => (IReadOnlyList<string>)
                    [u.Name, u.Role.Name(), u.MustChangePassword ? "yes" : "no", Time(u.CreatedAt), u.PasswordChangedAt is { } changed ? Time(changed) : "-"])).TrimEnd())
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("NAME");
        var command = new Command("remove", "Remove a user: their sessions end and their API tokens are revoked at once. The last admin stays.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var userName = parse.GetValue(name)!;
            return await ChangeAsync(parse, userName, async accounts =>
            {
                await accounts.RemoveAsync(userName, cancellationToken).ConfigureAwait(false);
                return $"Removed {userName}: their sessions have ended and their API tokens are revoked.";
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Passwd()
    {
        var name = new Argument<string>("NAME");
        var passwordStdin = PasswordStdinOption("The new password, one line on stdin (otherwise one is generated and shown once).");
        var command = new Command("passwd", "Reset a user's password; they must change it at next sign-in, and their sessions and API tokens end now.") { name, passwordStdin };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var userName = parse.GetValue(name)!;
            if (await NameRefusedAsync(userName, error).ConfigureAwait(false) is { } badName)
            {
                return badName;
            }

            var (password, badPassword) = await PasswordFromStdinAsync(parse.GetValue(passwordStdin), userName, error, cancellationToken).ConfigureAwait(false);
            if (badPassword is { } refused)
            {
                return refused;
            }

            return await ChangeAsync(parse, userName, async accounts =>
            {
                var generated = await accounts.ResetPasswordAsync(userName, password, cancellationToken).ConfigureAwait(false);
                var ended = "their sessions have ended and their API tokens are revoked.";
                return generated is null
                    ? $"Password of {userName} set; it must be changed at next sign-in, and {ended}"
                    : $"Password for {userName} (shown once; it must be changed at next sign-in): {generated}\nThe old password no longer works; {ended}";
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command SetRole()
    {
        var name = new Argument<string>("NAME");
        var role = new Argument<string>("ROLE") { Description = Roles.Choices };
        var command = new Command("role", "Change a user's role; their sessions and API tokens end so that nothing keeps the old role. The last admin stays admin.") { name, role };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var userName = parse.GetValue(name)!;
            if (Roles.Parse(parse.GetValue(role)) is not { } chosen)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"bdash: ROLE: not a role; a role is {Roles.Choices}.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return await ChangeAsync(parse, userName, async accounts =>
            {
                if (await accounts.FindAsync(userName, cancellationToken).ConfigureAwait(false) is { } account && account.Role == chosen)
                {
                    return $"{userName} is {chosen.Name()} already; nothing changed.";
                }

                await accounts.SetRoleAsync(userName, chosen, cancellationToken).ConfigureAwait(false);
                return $"{userName} is now {chosen.Name()}: their sessions have ended and their API tokens are revoked.";
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Checks the name, then makes one change through UserAccounts and prints what it says, or why it was refused.</summary>
    private static async Task<int> ChangeAsync(ParseResult parse, string userName, Func<UserAccounts, Task<string>> change, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        if (await NameRefusedAsync(userName, error).ConfigureAwait(false) is { } badName)
        {
            return badName;
        }

        await using var host = await CliHost.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync(await change(host.Services.GetRequiredService<UserAccounts>()).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (AccessRefusedException e)
        {
            return await RefusedAsync(e, error, roleField: "ROLE").ConfigureAwait(false);
        }
    }

    private static Option<bool> PasswordStdinOption(string description) => new("--password-stdin") { Description = description };

    /// <summary>Checked before the catalog is opened, so that a bad name creates and changes nothing.</summary>
    private static async Task<int?> NameRefusedAsync(string name, TextWriter error)
    {
        if (UserName.Problem(name) is not { } problem)
        {
            return null;
        }

        await error.WriteLineAsync($"bdash: NAME: {problem}").ConfigureAwait(false);
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// With --password-stdin, the first line on stdin, checked against the password rules; without
    /// it, null (UserAccounts generates one). Typed at a terminal it would be shown on screen, so a
    /// terminal is refused: pipe it in from a file or a password manager.
    /// </summary>
    private static async Task<(string? Password, int? Refused)> PasswordFromStdinAsync(bool fromStdin, string user, TextWriter error, CancellationToken cancellationToken)
    {
        if (!fromStdin)
        {
            return (null, null);
        }

        if (!Console.IsInputRedirected)
        {
            await error.WriteLineAsync("bdash: --password-stdin: stdin is a terminal, where the password would show as it is typed; pipe it in instead (e.g. bdash user ... --password-stdin < file).").ConfigureAwait(false);
            return (null, ExitCodes.BadInput);
        }

        var password = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? "";
        if (PasswordRules.Problem(password, user) is { } problem)
        {
            await error.WriteLineAsync($"bdash: --password-stdin: {problem}").ConfigureAwait(false);
            return (null, ExitCodes.BadInput);
        }

        return (password, null);
    }

    /// <summary>
    /// Why UserAccounts refused, naming the argument or option at fault. A bad value or an unknown
    /// user is bad input (2), as an unknown server is for the other verbs; a conflict with what is
    /// stored (the name is taken, the last admin) is a refusal of a well-formed request (1).
    /// </summary>
    private static async Task<int> RefusedAsync(AccessRefusedException refused, TextWriter error, string roleField)
    {
        var field = refused.Field switch
        {
            "name" => "NAME",
            "password" => "--password-stdin",
            "role" => roleField,
            var other => other,
        };
        await error.WriteLineAsync($"bdash: {field}: {refused.Message}").ConfigureAwait(false);
        return refused.IsConflict ? ExitCodes.Failed : ExitCodes.BadInput;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
