namespace LoanPlatform.BuildingBlocks.Problems.Catalog;

/// <summary>Problems of applying for loans, deciding them and reading them (the Loans service, with the audit trail it hosts).</summary>
public static class LoanProblems
{
    public static readonly ProblemType IdempotencyKeyRequired = new("idempotency-key-required", 400,
        new("An Idempotency-Key header (at most 100 characters) is required to apply for a loan.", "Applying creates a loan, so a retried request must be recognisable; this one had no usable Idempotency-Key.", "Generate a new unique key (a UUID) per application and send it in Idempotency-Key; reuse it only to retry the same request."),
        new("Header Idempotency-Key (paling banyak 100 karakter) wajib untuk mengajukan pinjaman.", "Pengajuan membuat pinjaman, jadi permintaan yang diulang harus dapat dikenali; permintaan ini tidak membawa Idempotency-Key yang dapat dipakai.", "Buat kunci unik baru (UUID) untuk setiap pengajuan dan kirim di Idempotency-Key; pakai ulang hanya untuk mengulang permintaan yang sama."));

    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422,
        new("This Idempotency-Key was already used with a different request.", "The key belongs to an earlier application whose contents differ from this request.", "Use a new Idempotency-Key for a new application."),
        new("Idempotency-Key ini sudah dipakai untuk permintaan lain.", "Kunci ini milik pengajuan sebelumnya yang isinya berbeda dari permintaan ini.", "Gunakan Idempotency-Key baru untuk pengajuan baru."));

    public static readonly ProblemType RequestInProgress = new("request-in-progress", 409,
        new("A request with this Idempotency-Key is still being processed.", "The first request with this key has not finished yet.", "Wait a moment and retry with the same key; you will get the first request's answer."),
        new("Permintaan dengan Idempotency-Key ini masih diproses.", "Permintaan pertama dengan kunci ini belum selesai.", "Tunggu sebentar dan ulangi dengan kunci yang sama; Anda akan mendapat jawaban permintaan pertama."));

    public static readonly ProblemType InterestCapExceeded = new("interest-cap-exceeded", 422,
        new("The loan's cost is above the regulator's cap.", "With this amount and tenor, the interest and fees would exceed the maximum cost OJK allows; 'detail' gives the figures.", "Choose a longer or shorter tenor or another amount, and apply again."),
        new("Biaya pinjaman melebihi batas regulator.", "Dengan jumlah dan tenor ini, bunga dan biaya akan melebihi batas biaya maksimum dari OJK; 'detail' memberi angkanya.", "Pilih tenor atau jumlah lain, lalu ajukan lagi."));

    public static readonly ProblemType OpenApplicationExists = new("open-application-exists", 409,
        new("You already have an open application for this product.", "This product allows one open application at a time.", "Wait for the decision on the open application, or cancel it first."),
        new("Anda sudah memiliki pengajuan terbuka untuk produk ini.", "Produk ini hanya mengizinkan satu pengajuan terbuka pada satu waktu.", "Tunggu keputusan atas pengajuan yang terbuka, atau batalkan terlebih dahulu."));

    public static readonly ProblemType UnknownStatus = new("unknown-status", 400,
        new("Unknown loan status.", "The status filter is not one of the loan statuses.", "Use one of the statuses the API reference lists (for example pendingApproval)."),
        new("Status pinjaman tidak dikenal.", "Filter status bukan salah satu status pinjaman.", "Gunakan salah satu status di referensi API (misalnya pendingApproval)."));

    public static readonly ProblemType ScheduleNotAvailable = new("schedule-not-available", 409,
        new("A repayment schedule exists once the loan is approved.", "The loan is not approved (yet); 'detail' gives its status.", "Read the loan (GET /loans/{loanId}) until its status is approved, then ask for the schedule."),
        new("Jadwal angsuran tersedia setelah pinjaman disetujui.", "Pinjaman belum (atau tidak) disetujui; 'detail' menyebut statusnya.", "Baca pinjaman (GET /loans/{loanId}) sampai statusnya approved, lalu minta jadwalnya."));

    public static readonly ProblemType OwnApplication = new("own-application", 403,
        new("Nobody decides on their own loan application.", "The officer deciding is the applicant.", "Another officer must decide this application."),
        new("Tidak ada yang boleh memutuskan pengajuan pinjamannya sendiri.", "Petugas yang memutuskan adalah pemohon itu sendiri.", "Petugas lain harus memutuskan pengajuan ini."));

    public static readonly ProblemType WrongRole = new("wrong-role", 403,
        new("The current approval stage needs a decision by another role.", "The loan waits for a decision by the role named in 'detail', not yours.", "Leave the decision to an officer with that role."),
        new("Tahap persetujuan saat ini memerlukan keputusan dari peran lain.", "Pinjaman menunggu keputusan dari peran yang disebut di 'detail', bukan peran Anda.", "Serahkan keputusan kepada petugas dengan peran tersebut."));

    public static readonly ProblemType FourEyes = new("four-eyes", 409,
        new("You already approved an earlier stage of this loan; another officer must decide this one.", "This loan needs two different people to approve it.", "Leave this stage to another officer."),
        new("Anda sudah menyetujui tahap sebelumnya dari pinjaman ini; petugas lain harus memutuskan tahap ini.", "Pinjaman ini memerlukan persetujuan dari dua orang yang berbeda.", "Serahkan tahap ini kepada petugas lain."));

    public static readonly ProblemType AmountAboveRequested = new("amount-above-requested", 400,
        new("An officer may approve less than was asked, never more.", "The approved amount is larger than the amount applied for.", "Approve at most the requested amount."),
        new("Petugas boleh menyetujui lebih kecil dari yang diminta, tidak pernah lebih besar.", "Jumlah yang disetujui lebih besar dari jumlah yang diajukan.", "Setujui paling banyak sejumlah yang diajukan."));

    public static readonly ProblemType AwaitingApplicant = new("awaiting-applicant", 409,
        new("The application was referred back; it waits for the applicant's answer.", "An officer asked the applicant for more information, and the answer has not arrived.", "Decide once the applicant has answered (the loan's status leaves referredToApplicant)."),
        new("Pengajuan dikembalikan; menunggu jawaban pemohon.", "Petugas meminta informasi tambahan dari pemohon, dan jawabannya belum tiba.", "Putuskan setelah pemohon menjawab (status pinjaman keluar dari referredToApplicant)."));

    public static readonly ProblemType NotReferred = new("not-referred", 409,
        new("The application is not waiting for information from you.", "No officer asked for more information on this loan, or it was already answered.", "Read the loan to see what it waits for."),
        new("Pengajuan tidak sedang menunggu informasi dari Anda.", "Tidak ada petugas yang meminta informasi tambahan untuk pinjaman ini, atau sudah dijawab.", "Baca pinjaman untuk melihat apa yang sedang ditunggu."));

    public static readonly ProblemType NotAwaitingDecision = new("not-awaiting-decision", 409,
        new("The loan is not waiting for a decision.", "The loan is already decided, cancelled or expired, or its approval workflow is not running yet; 'detail' says which.", "Read the loan; if it is still pending approval, retry shortly."),
        new("Pinjaman tidak sedang menunggu keputusan.", "Pinjaman sudah diputuskan, dibatalkan, atau kedaluwarsa, atau alur persetujuannya belum berjalan; 'detail' menyebut yang mana.", "Baca pinjaman; jika masih menunggu persetujuan, coba lagi sebentar lagi."));

    public static readonly ProblemType DecisionInProgress = new("decision-in-progress", 409,
        new("A decision for this loan is already being processed.", "Another decision on the same stage arrived first, or the loan kept changing while this one was recorded.", "Read the loan again and decide only if it still waits for you."),
        new("Keputusan untuk pinjaman ini sedang diproses.", "Keputusan lain untuk tahap yang sama tiba lebih dulu, atau pinjaman terus berubah saat keputusan ini dicatat.", "Baca ulang pinjaman dan putuskan hanya jika masih menunggu Anda."));

    public static readonly ProblemType UsersUnavailable = new("users-unavailable", 503,
        new("The customer directory is unavailable; try again shortly.", "The Loans service could not read the applicant's verification state.", "Retry after a short wait."),
        new("Direktori nasabah tidak tersedia; coba lagi sebentar lagi.", "Layanan pinjaman tidak dapat membaca status verifikasi pemohon.", "Coba lagi setelah menunggu sebentar."));

    public static readonly ProblemType InvalidTime = new("invalid-time", 400,
        new("A time parameter is not an ISO-8601 time.", "'from' or 'to' could not be read as a time; 'detail' names which.", "Send times as ISO-8601, for example 2025-01-31T00:00:00Z."),
        new("Parameter waktu bukan waktu ISO-8601.", "'from' atau 'to' tidak dapat dibaca sebagai waktu; 'detail' menyebut yang mana.", "Kirim waktu dalam format ISO-8601, misalnya 2025-01-31T00:00:00Z."));

    public static readonly ProblemType KycNotVerified = new("kyc-not-verified", 409,
        new("Your identity must be verified (KYC) before you apply for a loan.", "The KTP and selfie are not verified yet, were rejected, or still wait for a review.", "Upload your KTP and selfie if you have not, and apply once your identity is verified."),
        new("Identitas Anda harus terverifikasi (KYC) sebelum mengajukan pinjaman.", "KTP dan swafoto belum terverifikasi, ditolak, atau masih menunggu peninjauan.", "Unggah KTP dan swafoto jika belum, lalu ajukan setelah identitas Anda terverifikasi."));

    public static readonly ProblemType KycVerifierSoleApprover = new("kyc-verifier-sole-approver", 403,
        new("You verified this applicant's identity; another officer gives the loan's only approval.", "The officer who verified a customer's KYC may not also be the only one approving their loan.", "Leave the approval to another officer."),
        new("Anda memverifikasi identitas pemohon ini; petugas lain yang memberi satu-satunya persetujuan pinjaman.", "Petugas yang memverifikasi KYC nasabah tidak boleh sekaligus menjadi satu-satunya pemberi persetujuan pinjamannya.", "Serahkan persetujuan kepada petugas lain."));

    public static readonly ProblemType ApplicantUnknown = new("applicant-unknown", 409,
        new("The applicant is no longer known to the customer directory.", "The customer's account was erased or cannot be found.", "Nothing can be decided for this application; it will expire."),
        new("Pemohon tidak lagi dikenal di direktori nasabah.", "Akun nasabah telah dihapus atau tidak dapat ditemukan.", "Pengajuan ini tidak dapat diputuskan; pengajuan akan kedaluwarsa."));

    public static readonly ProblemType InvalidAuditRange = new("invalid-range", 400,
        new("'from' must not be after 'to'.", "The time range asked for ends before it starts.", "Swap 'from' and 'to', or leave 'from' out to search the day before 'to'."),
        new("'from' tidak boleh setelah 'to'.", "Rentang waktu yang diminta berakhir sebelum dimulai.", "Tukar 'from' dan 'to', atau kosongkan 'from' untuk mencari satu hari sebelum 'to'."));

    public static readonly ProblemType AuditRangeTooWide = new("range-too-wide", 400,
        new("The time range is too wide.", "A search or verification of the audit trail spans at most a configured number of days; 'detail' says how many.", "Ask for consecutive, narrower ranges."),
        new("Rentang waktu terlalu lebar.", "Pencarian atau verifikasi jejak audit mencakup paling banyak sejumlah hari yang dikonfigurasi; 'detail' menyebut berapa.", "Minta beberapa rentang berurutan yang lebih sempit."));

    public static readonly ProblemType InvalidLimit = new("invalid-limit", 400,
        new("'limit' is not a valid page size.", "The page size must be a whole number within the allowed range; 'detail' gives it.", "Send a whole number in the range, or leave 'limit' out for the largest page."),
        new("'limit' bukan ukuran halaman yang sah.", "Ukuran halaman harus bilangan bulat dalam rentang yang diizinkan; 'detail' menyebutnya.", "Kirim bilangan bulat dalam rentang itu, atau kosongkan 'limit' untuk halaman terbesar."));

    public static readonly ProblemType InvalidContinuation = new("invalid-continuation", 400,
        new("The continuation token is not valid.", "'continuation' must be the 'next' value of the previous page of the same search, unchanged.", "Start the search again without 'continuation', then follow each page's 'next'."),
        new("Token lanjutan tidak valid.", "'continuation' harus berupa nilai 'next' dari halaman sebelumnya pada pencarian yang sama, tanpa diubah.", "Mulai pencarian lagi tanpa 'continuation', lalu ikuti 'next' setiap halaman."));
}
