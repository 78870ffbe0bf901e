namespace BackupDashboard.InnoDb;

/// <summary>Names this assembly in tests (layering) without depending on any format type.</summary>
public static class InnoDbAssemblyMarker;
