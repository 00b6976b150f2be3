using LoanPlatform.BuildingBlocks.Outbox;
using LoanPlatform.Users.Model;
using Microsoft.Azure.Functions.Worker;

namespace LoanPlatform.Users.Functions;

/// <summary>
/// The outbox sweepers on timers, one per aggregate with an outbox: republish the events a crash or a failed publish left
/// in profiles, documents, devices, erasure records, staff people and pending registrations.
/// </summary>
public sealed class UserOutboxFunctions(
    OutboxSweeper<UserProfile> profiles,
    OutboxSweeper<UserDocument> documents,
    OutboxSweeper<PushDevice> devices,
    OutboxSweeper<ErasureRecord> erasures,
    OutboxSweeper<StaffPerson> staffPeople,
    OutboxSweeper<PendingRegistration> registrations)
{
    [Function("SweepUserOutbox")]
    public Task Sweep([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => profiles.SweepAsync(cancellationToken);

    [Function("SweepUserDocumentOutbox")]
    public Task SweepDocuments([TimerTrigger("10 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => documents.SweepAsync(cancellationToken);

    [Function("SweepPushDeviceOutbox")]
    public Task SweepDevices([TimerTrigger("20 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => devices.SweepAsync(cancellationToken);

    [Function("SweepErasureRecordOutbox")]
    public Task SweepErasures([TimerTrigger("30 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => erasures.SweepAsync(cancellationToken);

    [Function("SweepStaffPersonOutbox")]
    public Task SweepStaffPeople([TimerTrigger("40 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => staffPeople.SweepAsync(cancellationToken);

    [Function("SweepPendingRegistrationOutbox")]
    public Task SweepRegistrations([TimerTrigger("50 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => registrations.SweepAsync(cancellationToken);
}
