using System.Net.Http.Headers;
using System.Text;
using Closeloop.Server.Storage;

namespace Closeloop.Server.Notifications;

/// <summary>
/// Delivers outbox messages once they may go: into the recipient unit's inbox
/// (<c>GET /api/notifications</c>) and, when <c>Outbox:WebhookUrl</c> is set, to that webhook,
/// retrying a failed post with a growing pause. A message counts as delivered only when the
/// webhook took it. Without a webhook, <see cref="Outbox"/> delivers what may go at once as it
/// writes it; the sender delivers the messages that waited for an office opening.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IHttpClientFactory http, Outbox outbox, TimeProvider clock, ILogger<OutboxSender> log)
    : BackgroundService
{
    /// <summary>Messages posted to the webhook per transaction.</summary>
    public const int BatchSize = 100;

    /// <summary>Messages marked delivered per statement when there is no webhook.</summary>
    public const int InboxBatchSize = 1000;

    public const string WebhookClient = "outbox-webhook";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Delivers one batch of messages that may go now; returns how many were tried.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CloseloopDb>();
        var now = clock.GetUtcNow();
        // Only the messages that waited for an office opening are left to deliver.
        if (outbox.WebhookUrl is not { } webhook)
            return await db.DeliverToInboxesAsync(now, InboxBatchSize, cancellationToken);

        using var gate = await db.WriteGateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var messages = await db.ClaimPendingMessagesAsync(now, BatchSize, cancellationToken);
        foreach (var message in messages)
        {
            message.Attempts++;
            var failure = await PostAsync(webhook, message, cancellationToken);
            if (failure is null)
            {
                message.DeliveredAt = now;
                message.LastError = null;
            }
            else
            {
                // 1, 2, 4 … minutes, at most an hour: a receiver that is down is not hammered.
                message.DeliverAfter = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(message.Attempts - 1, 6))));
                message.LastError = failure.Length > 2000 ? failure[..2000] : failure;
                log.LogWarning("Outbox message {Id} not delivered (attempt {Attempts}): {Error}", message.Id, message.Attempts, failure);
            }
        }
        await db.SaveBatchAsync([], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return messages.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A one-shot delay, not a periodic timer: after a pause (a suspended machine, a fake clock
        // jumping days) the loop runs once and catches up by batches, not once per missed tick.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Outbox delivery failed");
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    private async Task<string?> PostAsync(string url, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(StorageJson.Write(new
            {
                id = message.Id,
                topic = message.Topic,
                recipientUnit = message.RecipientUnit,
                workOrderId = message.WorkOrderId,
                workOrderNumber = message.WorkOrderNumber,
                subject = new { zh = message.SubjectZh, en = message.SubjectEn },
                createdAt = message.CreatedAt,
                details = System.Text.Json.JsonDocument.Parse(message.Payload).RootElement,
            }), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            // The receiver drops a message it has seen: a retry after a lost answer is not news twice.
            request.Headers.Add("Idempotency-Key", message.Id.ToString());
            using var response = await http.CreateClient(WebhookClient).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            return e.Message;
        }
    }
}
