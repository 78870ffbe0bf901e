using Bunit;
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

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
