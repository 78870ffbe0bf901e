namespace BackupDashboard.Web.Hosting;

/// <summary>
/// Serves blazor.web.js, which build/BlazorWebScript.targets embeds in this assembly because
/// the .NET 10 package that normally carries it is not available (docs/decisions/0002).
/// </summary>
internal static class BlazorScriptEndpoint
{
    public const string Path = "/_framework/blazor.web.js";
    private static readonly Lazy<byte[]> Script = new(Load);

    public static void MapBlazorWebScript(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, () => Results.Bytes(Script.Value, "text/javascript"))
            .AllowAnonymous()
            .ExcludeFromDescription();

    private static byte[] Load()
    {
        using var stream = typeof(BlazorScriptEndpoint).Assembly.GetManifestResourceStream("blazor.web.js")
            ?? throw new InvalidOperationException("blazor.web.js is not embedded in the web assembly; see build/BlazorWebScript.targets.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
