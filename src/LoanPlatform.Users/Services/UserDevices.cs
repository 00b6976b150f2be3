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
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Services;

/// <summary>
/// A user's push devices: browsers (Web Push) and native apps (FCM). A device's id is derived from its endpoint or token,
/// so registering the same browser or app install again updates it, and one another user had registered (a shared
/// computer or phone) moves to whoever registers it now: a customer must never receive someone else's notifications. Registration and removal each write the device once, with its audit event:
/// a removed device is a tombstone until its event is out and its time is up.
/// </summary>
public sealed class UserDevices(
    IDocumentStore<PushDevice> devices,
    OutboxDispatcher<PushDevice> outbox,
    AggregateStore<PushDevice> deviceAggregates,
    UserProfiles profiles,
    IOptions<DevicesOptions> options,
    TimeProvider time,
    ILogger<UserDevices> logger)
{
    public const int MaxPerUser = 10;

    /// <summary>Registers the browser or app for <paramref name="userId"/>; <paramref name="actor"/> is that user, who also takes it from anyone else.</summary>
    public async Task<DeviceRegistration> RegisterAsync(string userId, RegisterDeviceRequest request, ChangeActor actor, CancellationToken cancellationToken)
    {
        var valid = DeviceRules.Validate(request, options.Value);
        var profile = await profiles.GetAsync(userId, cancellationToken);
        if (profile.Value.MayHaveDevices == false)
        {
            // Before the device exists, so a notification sent meanwhile looks for it.
            await profiles.ChangeAsync(userId, current => current.MayHaveDevices == false ? current with { MayHaveDevices = true } : null, cancellationToken);
        }

        var deviceId = valid.DeviceId;
        await RemoveFromOtherUsersAsync(userId, deviceId, actor, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var existing = await devices.FindAsync(userId, deviceId, cancellationToken);
            var live = existing is { Value.IsRemoved: false };
            var registered = OutboxEvent.Create(
                UserEventTypes.PushDeviceRegistered, PushDeviceRegistered.Version, EventSubjects.Device(userId, deviceId),
                new PushDeviceRegistered(userId, deviceId, !live, now), now, actor);
            DeviceRegistration registration;
            try
            {
                if (live)
                {
                    // A browser re-subscribes with new keys, an app reports its platform again; a label not repeated is kept.
                    var updated = valid.ApplyTo(existing!.Value, now);
                    await devices.ReplaceAsync(userId, deviceId, updated.WithEvent(registered), existing.ETag, cancellationToken: cancellationToken);
                    registration = new DeviceRegistration(ToResponse(updated), Created: false);
                }
                else
                {
                    if ((await FindAllAsync(userId, cancellationToken)).Count >= MaxPerUser)
                    {
                        throw UserProblems.TooManyDevices.Exception($"At most {MaxPerUser} devices can receive notifications.");
                    }

                    var device = valid.ApplyTo(new PushDevice(deviceId, userId, null, null, null, null, now, now), now);
                    if (existing is null)
                    {
                        await devices.CreateAsync(userId, deviceId, device.WithEvent(registered), cancellationToken: cancellationToken);
                    }
                    else
                    {
                        // Registered again after a removal: the tombstone becomes the device, keeping any event it still carries.
                        await devices.ReplaceAsync(userId, deviceId, device.WithPendingEvents([.. existing.Value.PendingEvents, registered]), existing.ETag, cancellationToken: cancellationToken);
                    }

                    registration = new DeviceRegistration(ToResponse(device), Created: true);
                }
            }
            catch (Exception e) when (attempt < WriteConflictPolicy.Default.MaxAttempts && e is DocumentConflictException or DocumentPreconditionFailedException or DocumentNotFoundException)
            {
                // The same device registered or was removed concurrently; read it again and apply this registration on top,
                // under the write path's policy.
                await Task.Delay(WriteConflictPolicy.Default.DelayAfter(attempt), cancellationToken);
                continue;
            }

            // Not through AggregateStore: a new device first counts the user's devices (a query) between the read and the write.
            await outbox.DispatchAsync(userId, deviceId, cancellationToken: cancellationToken);
            return registration;
        }
    }

    public async Task<IReadOnlyList<DeviceResponse>> ListAsync(string userId, CancellationToken cancellationToken) =>
        (await FindAllAsync(userId, cancellationToken)).Select(ToResponse).ToList();

    /// <summary>The devices with what a sender needs (endpoint and keys, or token), for the Notifications service only.</summary>
    public async Task<IReadOnlyList<UserContactDevice>> ListForSendingAsync(string userId, CancellationToken cancellationToken) =>
        (await FindAllAsync(userId, cancellationToken)).Select(d => new UserContactDevice(d.DeviceId, d.Type, d.Endpoint, d.P256dh, d.Auth, d.Token)).ToList();

    /// <summary>Removes one of the user's devices; another user's device is not found, a 404 like any unknown id.</summary>
    public async Task DeleteAsync(string userId, string deviceId, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (!await RemoveAsync(userId, deviceId, actor, cancellationToken))
        {
            throw ProblemException.NotFound("The device");
        }
    }

    /// <summary>
    /// Removes a device if it is there (an expired subscription, a browser taken over); false when it was not.
    /// <paramref name="actor"/> is who removes it: the user, the user taking the browser over, or the Notifications service.
    /// The device becomes a tombstone in one write that carries the removal's event.
    /// </summary>
    public async Task<bool> RemoveAsync(string userId, string deviceId, ChangeActor actor, CancellationToken cancellationToken)
    {
        if (!PushDeviceIds.IsValid(deviceId))
        {
            return false;
        }

        // Re-registered, removed or its events published meanwhile: the write path looks again.
        var removed = false;
        await deviceAggregates.UpdateAsync(userId, deviceId, device =>
        {
            removed = !device.IsRemoved;
            if (!removed)
            {
                return device;
            }

            var now = time.GetUtcNow();
            return device.Removed(now, OutboxEvent.Create(
                UserEventTypes.PushDeviceRemoved, PushDeviceRemoved.Version, EventSubjects.Device(userId, deviceId), new PushDeviceRemoved(userId, deviceId, now), now, actor));
        }, cancellationToken);
        return removed;
    }

    public static DeviceResponse ToResponse(PushDevice device) => device.Type == PushDeviceTypes.Fcm
        ? new(device.DeviceId, device.Label, device.Type, null, device.Platform, device.CreatedAt)
        : new(device.DeviceId, device.Label, device.Type, new Uri(device.Endpoint!).IdnHost, null, device.CreatedAt);

    private async Task<List<PushDevice>> FindAllAsync(string userId, CancellationToken cancellationToken)
    {
        var list = new List<PushDevice>();
        await foreach (var device in devices.QueryAsync(DocumentQuery.InPartition(userId), cancellationToken))
        {
            if (!device.Value.IsRemoved)
            {
                list.Add(device.Value);
            }
        }

        return list.OrderBy(d => d.CreatedAt).ToList();
    }

    private async Task RemoveFromOtherUsersAsync(string userId, string deviceId, ChangeActor actor, CancellationToken cancellationToken)
    {
        var others = new List<string>();
        await foreach (var device in devices.QueryAsync(DocumentQuery.Where("deviceId", deviceId), cancellationToken))
        {
            if (device.Value.UserId != userId && !device.Value.IsRemoved)
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
}
