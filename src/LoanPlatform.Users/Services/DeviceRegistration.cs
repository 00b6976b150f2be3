using LoanPlatform.Users.Contracts;

namespace LoanPlatform.Users.Services;

/// <summary>The registered device, and whether this registration created it (201) or updated one already there (200).</summary>
public sealed record DeviceRegistration(DeviceResponse Device, bool Created);
