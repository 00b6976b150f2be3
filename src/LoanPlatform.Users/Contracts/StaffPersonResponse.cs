using LoanPlatform.BuildingBlocks.Indonesia;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Contracts;

/// <summary>A staff identity's person as an Admin sees it; the NIK masked, as customers' are.</summary>
public sealed record StaffPersonResponse(string StaffId, string NikMasked, string Email, string Phone, DateTimeOffset UpdatedAt)
{
    public static StaffPersonResponse From(StaffPerson person) => new(person.StaffId, Nik.Mask(person.Nik), person.Email, person.Phone, person.UpdatedAt);
}
