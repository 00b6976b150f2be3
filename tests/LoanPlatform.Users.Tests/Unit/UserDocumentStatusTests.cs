using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class UserDocumentStatusTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static readonly UserDocument Requested = new(
        "doc", "user", UserDocumentKind.Ktp, "image/jpeg", 10, new string('a', 64), "users/user/doc", UserDocumentStatus.Requested, Created, null, null, null, null);

    private static readonly SealedObject Sealed = new("sealed/user/doc", "\"etag\"", new string('a', 64), 10, Created.AddSeconds(5));

    [Fact]
    public void Uploaded_then_verified_keeps_the_time_of_each_step()
    {
        var verified = Requested.Upload(Sealed, Created.AddSeconds(5)).Verify(Created.AddSeconds(6));

        Assert.Equal(UserDocumentStatus.Verified, verified.Status);
        Assert.Equal(Sealed, verified.Sealed);
        Assert.Equal(Created.AddSeconds(5), verified.UploadedAt);
        Assert.Equal(Created.AddSeconds(6), verified.VerifiedAt);
        Assert.Null(verified.RejectionReason);
    }

    [Fact]
    public void A_rejection_stores_its_reason_and_time()
    {
        var rejected = Requested.Reject("Wrong size.", Created.AddSeconds(5));

        Assert.Equal(UserDocumentStatus.Rejected, rejected.Status);
        Assert.Equal("Wrong size.", rejected.RejectionReason);
        Assert.Equal(Created.AddSeconds(5), rejected.RejectedAt);
        Assert.Null(rejected.UploadedAt);
        Assert.Null(rejected.Sealed);
    }

    [Fact]
    public void Steps_cannot_be_skipped_or_undone()
    {
        Assert.Throws<InvalidOperationException>(() => Requested.Verify(Created));
        var rejected = Requested.Reject("Wrong size.", Created);
        Assert.Throws<InvalidOperationException>(() => rejected.Upload(Sealed, Created));
        var verified = Requested.Upload(Sealed, Created).Verify(Created);
        Assert.Throws<InvalidOperationException>(() => verified.Reject("late", Created));
    }
}
