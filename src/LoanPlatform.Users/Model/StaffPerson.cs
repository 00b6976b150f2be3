using LoanPlatform.BuildingBlocks.Outbox;

namespace LoanPlatform.Users.Model;

/// <summary>
/// The person behind a staff identity (type "staff_person"), partitioned and identified by the staff id (the Entra
/// object id, or a seeded local account's subject; see ClaimsPrincipalExtensions.GetStaffId). NIK, email and phone are normalized as customers' are,
/// so a staff member's own customer account is recognised whichever of them it shares.
/// </summary>
public sealed record StaffPerson(string StaffId, string Nik, string Email, string Phone, DateTimeOffset UpdatedAt) : IHasOutbox<StaffPerson>
{
    public IReadOnlyList<OutboxEvent> PendingEvents { get; init; } = [];

    public bool HasPendingEvents => PendingEvents.Count > 0;

    public StaffPerson WithPendingEvents(IReadOnlyList<OutboxEvent> events) => this with { PendingEvents = events };

    /// <summary>Which of NIK, email and phone this person shares with <paramref name="customer"/>; empty when none.</summary>
    public IReadOnlyList<string> SharedWith(UserProfile customer)
    {
        var shared = new List<string>();
        if (Nik == customer.Nik)
        {
            shared.Add("nik");
        }

        if (string.Equals(Email, customer.Email, StringComparison.OrdinalIgnoreCase))
        {
            shared.Add("email");
        }

        if (Phone == customer.Phone)
        {
            shared.Add("phone");
        }

        return shared;
    }
}
