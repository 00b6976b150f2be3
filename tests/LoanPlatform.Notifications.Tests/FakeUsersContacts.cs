using System.Collections.Concurrent;
using LoanPlatform.Notifications.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LoanPlatform.Notifications.Tests;

/// <summary>
/// The Users service's two internal endpoints the Notifications service calls, on loopback: the contact it answers and
/// the devices it was asked to forget. The real endpoints are tested in the Users tests and end to end.
/// </summary>
public sealed class FakeUsersContacts : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, NotificationContact> _contacts = new();
    private WebApplication _app = null!;

    public string Url => _app.Urls.Single();

    public ConcurrentQueue<(string UserId, string DeviceId)> RemovedDevices { get; } = new();

    public static async Task<FakeUsersContacts> StartAsync()
    {
        var fake = new FakeUsersContacts();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        fake._app = builder.Build();
        fake._app.MapGet("/internal/users/{userId}/contact", (string userId) =>
            fake._contacts.TryGetValue(userId, out var contact) ? Results.Ok(contact) : Results.NotFound());
        fake._app.MapDelete("/internal/users/{userId}/devices/{deviceId}", (string userId, string deviceId) =>
        {
            fake.RemovedDevices.Enqueue((userId, deviceId));
            return Results.NoContent();
        });
        await fake._app.StartAsync();
        return fake;
    }

    public void Set(NotificationContact contact) => _contacts[contact.UserId] = contact;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
