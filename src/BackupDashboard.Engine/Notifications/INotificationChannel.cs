namespace BackupDashboard.Engine.Notifications;

/// <summary>One way of telling operators (a webhook, email). Throws <see cref="NotificationFailedException"/> when the notice did not get through.</summary>
public interface INotificationChannel
{
    /// <summary>"webhook", "email": how logs and outcomes name the channel.</summary>
    string Name { get; }

    Task SendAsync(Notice notice, CancellationToken cancellationToken);
}
