using BackupDashboard.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

public class MainLayoutTests : ComponentTest
{
    [Fact]
    public void The_shell_names_the_operator_offers_sign_out_and_every_page()
    {
        var shell = RenderShell();

        Assert.Equal("admin", shell.Find(".bd-user").TextContent.Trim());
        var signOut = shell.Find("form[action='account/logout']");
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.Contains("Sign out", signOut.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Overview", "Servers", "Backups & chains", "Restore", "Schedules", "History", "Users & tokens", "Notifications", "Audit", "Settings"],
            shell.FindAll(".mud-nav-link").Select(link => link.TextContent.Trim()));
        Assert.Equal("the page", shell.Find("#body").TextContent);
    }

    [Fact]
    public void A_viewer_is_not_offered_the_admin_pages()
    {
        var shell = RenderShell("vera", Engine.Access.Role.Viewer);

        Assert.Equal(["Overview", "Servers", "Backups & chains", "Schedules", "History"], shell.FindAll(".mud-nav-link").Select(link => link.TextContent.Trim()));
    }

    [Fact]
    public void The_marker_says_connected_once_the_shell_has_rendered_interactively()
    {
        var shell = RenderShell();

        Assert.Equal("connected", shell.Find(".bd-shell").GetAttribute("data-circuit"));
    }

    [Fact]
    public void The_toggle_opens_and_closes_the_menu()
    {
        var shell = RenderShell();
        // Without a browser the screen has no width, so the responsive drawer starts as on a phone: closed.
        Assert.Contains("mud-drawer--closed", shell.Find(".mud-drawer").ClassList);

        shell.Find("#sidebar-toggle").Click();
        Assert.Contains("mud-drawer--open", shell.Find(".mud-drawer").ClassList);

        shell.Find("#sidebar-toggle").Click();
        Assert.Contains("mud-drawer--closed", shell.Find(".mud-drawer").ClassList);
    }

    private IRenderedComponent<MainLayout> RenderShell(string user = "admin", Engine.Access.Role role = Engine.Access.Role.Admin)
    {
        SignInAs(user, role);
        Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        RenderFragment body = builder =>
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "id", "body");
            builder.AddContent(2, "the page");
            builder.CloseElement();
        };
        return Render<MainLayout>(p => p.Add(l => l.Body, body));
    }

    /// <summary>The sign-out form asks for a token; over a circuit there is none to give.</summary>
    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
