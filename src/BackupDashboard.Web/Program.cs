using BackupDashboard.Engine.Configuration;
using BackupDashboard.Web.Hosting;

// The content root is the folder with the top-level appsettings.json and wwwroot/, wherever
// the process was started from (ContentRootLocator says how it is found).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRootLocator.Find(typeof(Program).Assembly),
    WebRootPath = "wwwroot",
});
// Run from a build folder (./run.sh) in any environment, MudBlazor's _content/* and
// _framework/blazor.web.js come from the static web assets manifest beside the assembly; only
// Development reads it by default. A published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.AddBackupDashboard();

var app = builder.Build();
await app.PrepareDataFolderAsync().ConfigureAwait(false);
app.UseBackupDashboard();
await app.RunAsync().ConfigureAwait(false);

/// <summary>The web app's entry point; public so tests can host it (WebApplicationFactory).</summary>
public partial class Program;
