using System.Security.Cryptography;
using System.Text;
using LoanPlatform.BuildingBlocks.Audit;
using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Contracts;
using LoanPlatform.Users.Events;
using LoanPlatform.Users.Model;
using LoanPlatform.Users.Push;
using LoanPlatform.Users.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoanPlatform.Users.Services;

/// <summary>
/// A user's Web Push devices. A device's id is derived from its endpoint, so registering the same browser again updates
/// it, and a browser another user had registered (a shared computer) moves to whoever registers it now: a customer must
/// never receive someone else's notifications. A registration's audit event rides in the device's own write; a removal's
/// in the owner's profile, which outlives the device.
/// </summary>
public sealed class UserDevices(
    IDocumentStore<PushDevice> devices,
    OutboxDispatcher<PushDevice> outbox,
    UserProfiles profiles,
    IOptions<DevicesOptions> options,
    TimeProvider time,
    ILogger<UserDevices> logger)
{
    public const int MaxPerUser = 10;

    /// <summary>Registers the browser for <paramref name="userId"/>; <paramref name="actor"/> is that user, who also takes it from anyone else.</summary>
    public async Task<DeviceRegistration> RegisterAsync(string userId, RegisterDeviceRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        var subscription = PushSubscriptionRules.Validate(request, options.Value);
        await profiles.GetAsync(userId, cancellationToken);
        var deviceId = IdOf(subscription.Endpoint);
        await RemoveFromOtherUsersAsync(userId, deviceId, actor, cancellationToken);

        while (true)
        {
            var now = time.GetUtcNow();
            var existing = await devices.FindAsync(userId, deviceId, cancellationToken);
            var registered = OutboxEvent.Create(
                UserEventTypes.PushDeviceRegistered, PushDeviceRegistered.Version, EventSubjects.Device(userId, deviceId),
                new PushDeviceRegistered(userId, deviceId, existing is null, now), now, actor);
            DeviceRegistration registration;
            try
            {
                if (existing is not null)
                {
                    // A browser re-subscribes with new keys; a label it does not repeat is kept.
                    var updated = existing.Value with
                    {
                        Endpoint = subscription.Endpoint,
                        P256dh = subscription.P256dh,
                        Auth = subscription.Auth,
                        Label = subscription.Label ?? existing.Value.Label,
                        UpdatedAt = now,
                    };
                    await devices.ReplaceAsync(userId, deviceId, updated.WithEvent(registered), existing.ETag, cancellationToken: cancellationToken);
                    registration = new DeviceRegistration(ToResponse(updated), Created: false);
                }
                else
                {
                    if (await CountAsync(userId, cancellationToken) >= MaxPerUser)
                    {
                        throw UserProblems.TooManyDevices(MaxPerUser);
                    }

                    var device = new PushDevice(deviceId, userId, subscription.Endpoint, subscription.P256dh, subscription.Auth, subscription.Label, now, now);
                    await devices.CreateAsync(userId, deviceId, device.WithEvent(registered), cancellationToken: cancellationToken);
                    registration = new DeviceRegistration(ToResponse(device), Created: true);
                }
            }
            catch (Exception e) when (e is DocumentConflictException or DocumentPreconditionFailedException or DocumentNotFoundException)
            {
                // The same browser registered or was removed concurrently; read it again and apply this registration on top.
                continue;
            }

            await outbox.DispatchAsync(userId, deviceId, cancellationToken: cancellationToken);
            return registration;
        }
    }

    public async Task<IReadOnlyList<DeviceResponse>> ListAsync(string userId, CancellationToken cancellationToken) =>
        (await FindAllAsync(userId, cancellationToken)).Select(ToResponse).ToList();

    /// <summary>The devices with what a sender needs (endpoint and keys), for the Notifications service only.</summary>
    public async Task<IReadOnlyList<UserContactDevice>> ListForSendingAsync(string userId, CancellationToken cancellationToken) =>
        (await FindAllAsync(userId, cancellationToken)).Select(d => new UserContactDevice(d.DeviceId, d.Endpoint, d.P256dh, d.Auth)).ToList();

    /// <summary>Removes one of the user's devices; another user's device is not found, a 404 like any unknown id.</summary>
    public async Task DeleteAsync(string userId, string deviceId, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (!await RemoveAsync(userId, deviceId, actor, cancellationToken))
        {
            throw ProblemException.NotFound("The device");
        }
    }

    /// <summary>
    /// Removes a device if it is there (an expired subscription, a device of an erased user); false when it was not.
    /// <paramref name="actor"/> is who removes it: the user, the user taking the browser over, or the Notifications service.
    /// </summary>
    public async Task<bool> RemoveAsync(string userId, string deviceId, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (!IsDeviceId(deviceId))
        {
            return false;
        }

        while (true)
        {
            var device = await devices.FindAsync(userId, deviceId, cancellationToken);
            if (device is null)
            {
                return false;
            }

            // The removal's event, and any the device still holds, move to the profile first: once the device is deleted
            // nothing else would carry them. If the delete does not happen after all, they are taken back.
            var now = time.GetUtcNow();
            var removed = OutboxEvent.Create(
                UserEventTypes.PushDeviceRemoved, PushDeviceRemoved.Version, EventSubjects.Device(userId, deviceId), new PushDeviceRemoved(userId, deviceId, now), now, actor);
            IReadOnlyList<OutboxEvent> events = [.. device.Value.PendingEvents, removed];
            var queued = await profiles.QueueEventsAsync(userId, events, cancellationToken);
            bool? deleted = null;
            try
            {
                deleted = await devices.DeleteAsync(userId, deviceId, device.ETag, cancellationToken);
            }
            catch (DocumentPreconditionFailedException)
            {
                // Changed meanwhile (re-registered, or its own events published): remove the device as it is now.
            }
            finally
            {
                if (queued && deleted != true)
                {
                    await profiles.WithdrawEventsAsync(userId, events.Select(pending => pending.EventId).ToArray());
                }
            }

            if (deleted is null)
            {
                continue;
            }

            if (deleted.Value && queued)
            {
                await profiles.PublishEventsAsync(userId, cancellationToken);
            }

            return deleted.Value;
        }
    }

    /// <summary>The first 32 hex characters of the endpoint's SHA-256: stable for one browser subscription, and no URL in ids.</summary>
    public static string IdOf(string endpoint) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)))[..32];

    public static DeviceResponse ToResponse(PushDevice device) => new(device.DeviceId, device.Label, new Uri(device.Endpoint).IdnHost, device.CreatedAt);

    private async Task<List<PushDevice>> FindAllAsync(string userId, CancellationToken cancellationToken)
    {
        var list = new List<PushDevice>();
        await foreach (var device in devices.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            list.Add(device.Value);
        }

        return list.OrderBy(d => d.CreatedAt).ToList();
    }

    private async Task<int> CountAsync(string userId, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in devices.QueryAsync(DocumentQuery.InPartition(userId) with { MaxItems = MaxPerUser }, cancellationToken))
        {
            count++;
        }

        return count;
    }

    private async Task RemoveFromOtherUsersAsync(string userId, string deviceId, ChangeActor actor, CancellationToken cancellationToken)
    {
        var others = new List<string>();
        await foreach (var device in devices.QueryAsync(DocumentQuery.Where("deviceId", deviceId), cancellationToken))
        {
            if (device.Value.UserId != userId)
            {
                others.Add(device.Value.UserId);
            }
        }

        foreach (var other in others)
        {
            await RemoveAsync(other, deviceId, actor, cancellationToken);
            logger.LogInformation("Device {DeviceId} moved from user {PreviousUserId} to user {UserId}", deviceId, other, userId);
        }
    }

    // Ids are hex hashes; anything else cannot exist and is not handed to the store (Cosmos refuses some characters in ids).
    private static bool IsDeviceId(string deviceId) => deviceId is { Length: 32 } && deviceId.All(char.IsAsciiHexDigitLower);
}
