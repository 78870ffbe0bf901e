namespace BackupDashboard.Web.Api;

/// <summary>
/// Every /api error is RFC 9457 problem details (application/problem+json): a title for the
/// status, the detail in the operator's words, and the request field at fault when there is one.
/// Nothing else: no exception text beyond our own messages, no stack trace, no request headers.
/// </summary>
internal static class ApiProblem
{
    public static IResult BadRequest(string detail, string? field = null) => Of(StatusCodes.Status400BadRequest, detail, field);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, detail);

    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, detail);

    public static IResult Of(int status, string detail, string? field = null) =>
        Results.Problem(
            detail: detail,
            statusCode: status,
            extensions: field is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["field"] = field });
}
