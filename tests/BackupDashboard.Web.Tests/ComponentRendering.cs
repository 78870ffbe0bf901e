using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// Renders a component to HTML with the in-box HtmlRenderer (static render, no circuit) and
/// parses it with AngleSharp. Radzen needs an IJSRuntime and a NavigationManager to exist.
/// </summary>
internal static class ComponentRendering
{
    public static async Task<IHtmlDocument> RenderAsync<TComponent>(Action<IServiceCollection> services, IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton<IJSRuntime, NoJavaScript>();
        collection.AddSingleton<NavigationManager, FixedNavigationManager>();
        collection.AddRadzenComponents();
        services(collection);
        await using var provider = collection.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            await output.QuiescenceTask;
            return output.ToHtmlString();
        });
        return new HtmlParser().ParseDocument(html);
    }

    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager() => Initialize("http://localhost/", "http://localhost/");
    }
}
