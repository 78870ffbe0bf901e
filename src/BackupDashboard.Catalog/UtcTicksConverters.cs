using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BackupDashboard.Catalog;

/// <summary>
/// SQLite cannot order or compare DateTimeOffset: times are stored as UTC ticks. Named types
/// (not lambdas) so the compiled model (CompiledModel/, dotnet ef dbcontext optimize) can use them.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <inheritdoc cref="UtcTicksConverter"/>
public sealed class NullableUtcTicksConverter() : ValueConverter<DateTimeOffset?, long?>(
    v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
