namespace BackupDashboard.Engine;

/// <summary>Operator input quoted back in an error: control characters shown as \uXXXX, so a message cannot break a terminal or a log line.</summary>
internal static class PrintableText
{
    public static string Of(string text, int maxLength = int.MaxValue) =>
        string.Concat(text.Take(maxLength).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
