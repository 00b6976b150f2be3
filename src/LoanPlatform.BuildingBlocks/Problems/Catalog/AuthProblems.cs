namespace LoanPlatform.BuildingBlocks.Problems.Catalog;

/// <summary>Problems of signing in, sessions and passwords (the Auth service).</summary>
public static class AuthProblems
{
    public static readonly ProblemType InvalidCredentials = new("invalid-credentials", 401,
        new("The email or password is wrong, or the account is temporarily locked.", "Sign-in failed. For your safety the answer does not say whether the email, the password or a lock after repeated failures was the reason.", "Check the email and password and try again; after several failures wait a few minutes before the next try."),
        new("Email atau kata sandi salah, atau akun dikunci sementara.", "Gagal masuk. Demi keamanan, jawaban tidak menyebut apakah email, kata sandi, atau penguncian setelah beberapa kegagalan yang menjadi penyebabnya.", "Periksa email dan kata sandi, lalu coba lagi; setelah beberapa kegagalan tunggu beberapa menit."));

    public static readonly ProblemType InvalidRefreshToken = new("invalid-refresh-token", 401,
        new("The refresh token is not valid. Sign in again.", "The refresh token is unknown, expired, already used, or its session ended (logout, password change, or reuse of an old token).", "Sign in again with POST /auth/login; keep only the newest refresh token each refresh returns."),
        new("Token penyegar tidak valid. Silakan masuk kembali.", "Token penyegar tidak dikenal, kedaluwarsa, sudah dipakai, atau sesinya berakhir (keluar, ganti kata sandi, atau pemakaian ulang token lama).", "Masuk kembali dengan POST /auth/login; simpan hanya token penyegar terbaru dari setiap penyegaran."));

    public static readonly ProblemType InvalidCurrentPassword = new("invalid-current-password", 403,
        new("The current password is wrong, or the account is temporarily locked.", "The password could not be changed because the current password given does not match, or the account is locked after repeated failures.", "Enter the current password again; after several failures wait a few minutes."),
        new("Kata sandi saat ini salah, atau akun dikunci sementara.", "Kata sandi tidak dapat diganti karena kata sandi saat ini tidak cocok, atau akun dikunci setelah beberapa kegagalan.", "Masukkan kembali kata sandi saat ini; setelah beberapa kegagalan tunggu beberapa menit."));

    public static readonly ProblemType NoLocalPassword = new("no-local-password", 403,
        new("This account has no password here to change.", "The signed-in account signs in elsewhere (staff through Microsoft Entra ID), so it has no password on this platform.", "Change the password where the account signs in."),
        new("Akun ini tidak memiliki kata sandi di sini untuk diganti.", "Akun yang masuk menggunakan layanan lain (staf melalui Microsoft Entra ID), sehingga tidak memiliki kata sandi di platform ini.", "Ganti kata sandi di tempat akun tersebut masuk."));

    public static readonly ProblemType ConcurrentChange = new("concurrent-change", 409,
        new("The account changed while it was being changed; try again.", "Another request changed the same account at the same moment.", "Send the request again."),
        new("Akun berubah saat sedang diubah; coba lagi.", "Permintaan lain mengubah akun yang sama pada saat yang sama.", "Kirim ulang permintaan."));

    public static readonly ProblemType SigningUnavailable = new("signing-unavailable", 503,
        new("Signing in is temporarily unavailable; try again shortly.", "The key that signs tokens could not be reached, so no token was issued.", "Retry after a short wait."),
        new("Layanan masuk sementara tidak tersedia; coba lagi sebentar lagi.", "Kunci penanda tangan token tidak dapat dijangkau, sehingga tidak ada token yang diterbitkan.", "Coba lagi setelah menunggu sebentar."));

    public static readonly ProblemType ErasurePending = new("erasure-pending", 503,
        new("The erasure is not finished yet; repeat the request.", "The login was erased, but the record of its erasure is not yet written.", "Repeat the same request to finish the erasure."),
        new("Penghapusan belum selesai; ulangi permintaan.", "Data masuk sudah dihapus, tetapi catatan penghapusannya belum tertulis.", "Ulangi permintaan yang sama untuk menyelesaikan penghapusan."));

    public static readonly ProblemType InvalidUnlockCode = new("invalid-unlock-code", 400,
        new("The unlock code is wrong or no longer valid.", "The code sent to unlock the account does not match, or it expired.", "Use the newest code from the email, or wait for the lock to end and sign in again."),
        new("Kode buka kunci salah atau tidak berlaku lagi.", "Kode untuk membuka kunci akun tidak cocok, atau sudah kedaluwarsa.", "Gunakan kode terbaru dari email, atau tunggu sampai penguncian berakhir lalu masuk lagi."));
}
