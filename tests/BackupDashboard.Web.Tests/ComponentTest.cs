using BackupDashboard.Engine.Access;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// A bunit context with MudBlazor's services; its JavaScript calls answer with defaults, as
/// no browser runs here. xunit 2 only disposes synchronously unless the class implements
/// IAsyncLifetime, and some of MudBlazor's services can only be disposed asynchronously.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>
    /// Signs the rendered components' user in with <paramref name="role"/>: its role claim, and
    /// the policies that role meets (docs/access.md: each role includes the ones below it).
    /// </summary>
    protected void SignInAs(string user, Engine.Access.Role role)
    {
        var policies = new[] { Engine.Access.Role.Viewer, Engine.Access.Role.Operator, Engine.Access.Role.Admin }
            .Where(r => role.Includes(r)).Select(r => r.Name()).ToArray();
        AddAuthorization().SetAuthorized(user).SetRoles(role.Name()).SetPolicies(policies);
    }

    /// <summary>The page with the providers MainLayout gives it in the app: popovers, dialogs, snackbars.</summary>
    protected IRenderedComponent<IComponent> RenderWithProviders<TPage>()
        where TPage : IComponent => Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            builder.CloseComponent();
        });

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
