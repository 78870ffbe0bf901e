using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace BackupDashboard.Web.Api;

/// <summary>
/// How /api answers when something goes wrong outside an endpoint's own checks: a body that is
/// not the JSON it should be, a route value that does not bind, an unexpected exception, or a
/// bare status (401, 404 of an unknown route). Always problem+json; the detail is ours or the
/// framework's binding message, never an exception's stack or the request's headers.
/// </summary>
internal static class ApiErrors
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        // Binding failures throw instead of answering an empty 400, so they get a detail.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Describe);
        return services;
    }

    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder api) =>
        api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        }).UseStatusCodePages();

    private static void Describe(ProblemDetailsContext context)
    {
        var exception = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is BadHttpRequestException bad)
        {
            context.ProblemDetails.Detail = bad.Message;
            if (bad.InnerException is JsonException { Path: { Length: > 0 } path })
            {
                context.ProblemDetails.Extensions["field"] = path.TrimStart('$', '.');
            }
        }
        else if (exception is not null)
        {
            context.ProblemDetails.Detail = "The request failed on the server. The dashboard's log has the details under this trace id.";
        }
    }
}
