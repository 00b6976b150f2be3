namespace LoanPlatform.BuildingBlocks.Problems.Catalog;

/// <summary>Problems of registration, profiles, documents and devices (the Users service).</summary>
public static class UserProblems
{
    public static readonly ProblemType EmailTaken = new("email-taken", 409,
        new("This email address is already registered.", "Another account already uses this email address.", "Sign in with that account, or register with another email address."),
        new("Alamat email ini sudah terdaftar.", "Akun lain sudah memakai alamat email ini.", "Masuk dengan akun tersebut, atau daftar dengan alamat email lain."));

    public static readonly ProblemType PhoneTaken = new("phone-taken", 409,
        new("This phone number is already registered.", "Another account already uses this phone number.", "Sign in with that account, or use another phone number."),
        new("Nomor telepon ini sudah terdaftar.", "Akun lain sudah memakai nomor telepon ini.", "Masuk dengan akun tersebut, atau gunakan nomor telepon lain."));

    public static readonly ProblemType NikTaken = new("nik-taken", 409,
        new("This NIK is already registered.", "An account already exists for this NIK (national identity number); one person has one account.", "Sign in with the existing account; if it is not yours, contact support."),
        new("NIK ini sudah terdaftar.", "Sudah ada akun untuk NIK (Nomor Induk Kependudukan) ini; satu orang memiliki satu akun.", "Masuk dengan akun yang sudah ada; jika bukan milik Anda, hubungi layanan pelanggan."));

    public static readonly ProblemType UploadMissing = new("upload-missing", 409,
        new("Nothing has been uploaded for this document yet.", "The document was declared, but no file arrived at its upload URL.", "PUT the file to the upload URL you were given, then complete the document again."),
        new("Belum ada berkas yang diunggah untuk dokumen ini.", "Dokumen sudah dideklarasikan, tetapi belum ada berkas yang tiba di URL unggahnya.", "Unggah (PUT) berkas ke URL unggah yang diberikan, lalu selesaikan dokumen lagi."));

    public static readonly ProblemType UploadNotValid = new("upload-not-valid", 409,
        new("The uploaded document does not match what was declared.", "The uploaded file's size, type, checksum or contents differ from the declaration; it was discarded. 'detail' says which.", "Request a new upload (POST /users/me/documents) with the file's true size, type and SHA-256, and upload it again."),
        new("Dokumen yang diunggah tidak sesuai dengan yang dideklarasikan.", "Ukuran, jenis, checksum, atau isi berkas berbeda dari deklarasi; berkas dibuang. 'detail' menyebut bedanya.", "Minta unggahan baru (POST /users/me/documents) dengan ukuran, jenis, dan SHA-256 berkas yang benar, lalu unggah lagi."));

    public static readonly ProblemType UploadChanged = new("upload-changed", 409,
        new("The upload changed while it was being checked; complete the document again.", "A new upload arrived at the document's upload URL while the previous one was being checked and sealed.", "Complete the document again (POST /users/me/documents/{documentId}/complete)."),
        new("Unggahan berubah saat sedang diperiksa; selesaikan dokumen lagi.", "Unggahan baru tiba di URL unggah dokumen saat unggahan sebelumnya sedang diperiksa dan disegel.", "Selesaikan dokumen lagi (POST /users/me/documents/{documentId}/complete)."));

    public static readonly ProblemType DocumentRejected = new("document-rejected", 409,
        new("This document was rejected; request a new one.", "The document was checked and rejected; 'detail' gives the reason.", "Request a new upload and send a clear, readable document."),
        new("Dokumen ini ditolak; ajukan yang baru.", "Dokumen sudah diperiksa dan ditolak; 'detail' memberi alasannya.", "Minta unggahan baru dan kirim dokumen yang jelas dan terbaca."));

    public static readonly ProblemType TooManyDevices = new("too-many-devices", 409,
        new("Too many devices receive notifications; remove one first.", "The account has reached the number of devices that can receive push notifications.", "Remove a device you no longer use (DELETE /users/me/devices/{deviceId}), then register the new one."),
        new("Terlalu banyak perangkat menerima notifikasi; hapus satu dulu.", "Akun sudah mencapai jumlah perangkat yang dapat menerima notifikasi push.", "Hapus perangkat yang tidak lagi dipakai (DELETE /users/me/devices/{deviceId}), lalu daftarkan yang baru."));

    public static readonly ProblemType SignatureInvalid = new("signature-invalid", 403,
        new("The signed URL does not allow this request.", "The URL's signature does not match this file, method or request.", "Use the upload or download URL exactly as it was given, or ask for a new one."),
        new("URL bertanda tangan tidak mengizinkan permintaan ini.", "Tanda tangan URL tidak cocok dengan berkas, metode, atau permintaan ini.", "Gunakan URL unggah atau unduh persis seperti yang diberikan, atau minta yang baru."));

    public static readonly ProblemType SignatureExpired = new("signature-expired", 403,
        new("The signed URL has expired.", "Signed URLs work for a few minutes only.", "Ask for a new URL and use it right away."),
        new("URL bertanda tangan sudah kedaluwarsa.", "URL bertanda tangan hanya berlaku beberapa menit.", "Minta URL baru dan segera gunakan."));

    public static readonly ProblemType UploadTooLarge = new("upload-too-large", 403,
        new("The upload is larger than the size it was signed for.", "The file sent is bigger than the size declared when the upload URL was requested.", "Request a new upload with the file's true size."),
        new("Unggahan lebih besar dari ukuran yang ditandatangani.", "Berkas yang dikirim lebih besar dari ukuran yang dideklarasikan saat URL unggah diminta.", "Minta unggahan baru dengan ukuran berkas yang benar."));

    public static readonly ProblemType AuthUnavailable = new("auth-unavailable", 503,
        new("Sign-in records are temporarily unavailable; nothing was changed.", "The service that keeps logins did not answer, so the registration or erasure was not done.", "Retry after a short wait."),
        new("Data masuk sementara tidak tersedia; tidak ada yang diubah.", "Layanan penyimpan data masuk tidak menjawab, sehingga pendaftaran atau penghapusan tidak dilakukan.", "Coba lagi setelah menunggu sebentar."));

    public static readonly ProblemType ChangesNotYetAudited = new("changes-not-yet-audited", 503,
        new("Recent changes could not be recorded in the audit trail yet; try again shortly.", "Erasure waits until every earlier change of the account is in the audit trail.", "Retry after a short wait."),
        new("Perubahan terbaru belum dapat dicatat di jejak audit; coba lagi sebentar lagi.", "Penghapusan menunggu sampai semua perubahan akun sebelumnya tercatat di jejak audit.", "Coba lagi setelah menunggu sebentar."));

    public static readonly ProblemType PushNotConfigured = new("push-not-configured", 503,
        new("Push notifications are not configured on this platform.", "This deployment has no Web Push key, so browsers cannot subscribe.", "Use email notifications, or ask the operator to configure push."),
        new("Notifikasi push belum dikonfigurasi di platform ini.", "Penerapan ini tidak memiliki kunci Web Push, sehingga peramban tidak dapat berlangganan.", "Gunakan notifikasi email, atau minta operator mengonfigurasi push."));

    public static readonly ProblemType InvalidVerificationCode = new("invalid-verification-code", 400,
        new("The verification code is wrong or no longer valid.", "The code does not match the one emailed, it expired, or too many wrong codes ended the registration.", "Enter the six-digit code from the newest email; if it keeps failing, register again to get a new one."),
        new("Kode verifikasi salah atau tidak berlaku lagi.", "Kode tidak cocok dengan yang dikirim lewat email, sudah kedaluwarsa, atau terlalu banyak kode salah mengakhiri pendaftaran.", "Masukkan kode enam digit dari email terbaru; jika terus gagal, daftar lagi untuk mendapatkan kode baru."));

    public static readonly ProblemType KycNotPendingReview = new("kyc-not-pending-review", 409,
        new("This customer's identity verification is not waiting for a review decision.", "The KYC was already decided, or the customer has not submitted the KTP and selfie yet; 'detail' gives its status.", "Read the customer's KYC again and decide only what waits for review."),
        new("Verifikasi identitas nasabah ini tidak sedang menunggu keputusan peninjauan.", "KYC sudah diputuskan, atau nasabah belum mengirim KTP dan swafoto; 'detail' menyebut statusnya.", "Baca ulang KYC nasabah dan putuskan hanya yang menunggu peninjauan."));

    public static readonly ProblemType SamePerson = new("same-person", 403,
        new("Nobody reviews or decides for a customer who is the same person as themselves.", "Your staff identity shares identifying data (NIK, email or phone) with this customer.", "Leave this review or decision to another staff member."),
        new("Tidak ada yang boleh meninjau atau memutuskan untuk nasabah yang merupakan dirinya sendiri.", "Identitas staf Anda memiliki data pengenal yang sama (NIK, email, atau telepon) dengan nasabah ini.", "Serahkan peninjauan atau keputusan ini kepada staf lain."));

    public static readonly ProblemType StaffPersonNotLinked = new("staff-person-not-linked", 403,
        new("Your staff identity is not linked to a person yet.", "Without a linked person the platform cannot tell you apart from the customer, so it does not let you review or decide.", "Ask an Admin to link your staff account to your person (NIK, email, phone)."),
        new("Identitas staf Anda belum ditautkan ke seseorang.", "Tanpa tautan tersebut platform tidak dapat membedakan Anda dari nasabah, sehingga Anda tidak diizinkan meninjau atau memutuskan.", "Minta Admin menautkan akun staf Anda ke data diri Anda (NIK, email, telepon)."));

    public static readonly ProblemType ReauthenticationRequired = new("reauthentication-required", 403,
        new("Erasure needs a fresh sign-in.", "Erasing an account cannot be undone, so it needs a sign-in from the last few minutes or the account's password.", "Sign in again, or send the password in the body as {\"password\": \"...\"}."),
        new("Penghapusan memerlukan proses masuk ulang.", "Penghapusan akun tidak dapat dibatalkan, sehingga memerlukan proses masuk dalam beberapa menit terakhir atau kata sandi akun.", "Masuk kembali, atau kirim kata sandi di badan permintaan sebagai {\"password\": \"...\"}."));
}
