using BackupDashboard.Web.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BackupDashboard.Web.Tests;

public class ConfirmDialogTests : ComponentTest
{
    [Theory]
    [InlineData("#confirm-accept", false)]
    [InlineData("#confirm-cancel", true)]
    public async Task The_button_pressed_closes_the_dialog_and_is_the_result_read_back(string button, bool canceled)
    {
        var (provider, dialog) = await AskAsync();

        provider.Find(button).Click();

        var result = await dialog.Result;
        Assert.NotNull(result);
        Assert.Equal(canceled, result.Canceled);
        Assert.Equal(canceled ? null : true, result.Data);
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("#confirm-message")));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> AskAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, "Start a full backup of db1?" },
            { d => d.AcceptText, "Start" },
        };

        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<ConfirmDialog>("Start a new chain", parameters));

        Assert.Equal("Start a full backup of db1?", provider.Find("#confirm-message").TextContent.Trim());
        Assert.Equal("Start", provider.Find("#confirm-accept").TextContent.Trim());
        Assert.Contains("Start a new chain", provider.Markup, StringComparison.Ordinal);
        return (provider, dialog);
    }
}
