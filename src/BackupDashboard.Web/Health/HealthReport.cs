using System.Text.Json.Serialization;

namespace BackupDashboard.Web.Health;

/// <summary>The /healthz answer. Healthy means the catalog answers and the Hangfire servers run.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("catalog")] ComponentHealth Catalog,
    [property: JsonPropertyName("jobs")] ComponentHealth Jobs,
    [property: JsonPropertyName("sandbox")] ComponentHealth Sandbox,
    [property: JsonPropertyName("tools")] IReadOnlyList<ToolHealth> Tools,
    [property: JsonPropertyName("content_root")] string ContentRoot,
    [property: JsonPropertyName("data_dir")] string DataDir)
{
    [JsonIgnore]
    public bool IsHealthy => Catalog.Ok && Jobs.Ok;
}

public sealed record ComponentHealth(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("detail")] string Detail);

public sealed record ToolHealth(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("found")] bool Found,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("problem")] string? Problem);
