namespace LoanPlatform.BuildingBlocks.Problems.Catalog;

/// <summary>Problems any endpoint can answer: unreadable input, authentication, limits, concurrency, failures.</summary>
public static class CommonProblems
{
    public static readonly ProblemType Validation = new("validation", 400,
        new("One or more fields are invalid.", "Some fields of the request broke a rule; 'errors' names each field and what is wrong with it.", "Correct every field listed in 'errors' and send the request again."),
        new("Satu atau beberapa isian tidak valid.", "Beberapa isian permintaan melanggar aturan; 'errors' menyebut setiap isian dan kesalahannya.", "Perbaiki semua isian yang disebut di 'errors', lalu kirim ulang permintaan."));

    public static readonly ProblemType MalformedJson = new("malformed-json", 400,
        new("The request body is not valid JSON for this operation.", "The body could not be read as this operation's JSON: broken syntax or a value of the wrong type.", "Send a JSON body shaped as the operation's request schema."),
        new("Isi permintaan bukan JSON yang valid untuk operasi ini.", "Isi permintaan tidak dapat dibaca sebagai JSON operasi ini: sintaks rusak atau nilai bertipe salah.", "Kirim isi JSON sesuai skema permintaan operasi ini."));

    public static readonly ProblemType MissingBody = new("missing-body", 400,
        new("A JSON request body is required.", "The request had no body, but this operation needs one.", "Send the JSON body described by the operation."),
        new("Isi permintaan JSON wajib ada.", "Permintaan tidak memiliki isi, padahal operasi ini membutuhkannya.", "Kirim isi JSON sesuai deskripsi operasi."));

    public static readonly ProblemType BadRequest = new("bad-request", 400,
        new("The request could not be read.", "A header, parameter or the body could not be read for this operation.", "Check the request against the operation's description and send it again."),
        new("Permintaan tidak dapat dibaca.", "Header, parameter, atau isi permintaan tidak dapat dibaca untuk operasi ini.", "Periksa permintaan terhadap deskripsi operasi, lalu kirim ulang."));

    public static readonly ProblemType MissingParameter = new("missing-parameter", 400,
        new("A required query parameter is missing.", "The operation needs a query parameter that the request did not carry; 'detail' names it.", "Add the parameter named in 'detail' and send the request again."),
        new("Parameter kueri wajib tidak ada.", "Operasi membutuhkan parameter kueri yang tidak ada dalam permintaan; 'detail' menyebut namanya.", "Tambahkan parameter yang disebut di 'detail', lalu kirim ulang."));

    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415,
        new("The request body must be JSON (application/json).", "The body was sent with a content type this operation does not read.", "Send the body as application/json."),
        new("Isi permintaan harus JSON (application/json).", "Isi permintaan dikirim dengan jenis konten yang tidak dibaca operasi ini.", "Kirim isi permintaan sebagai application/json."));

    public static readonly ProblemType Unauthenticated = new("unauthenticated", 401,
        new("A valid access token is required.", "The request carried no access token, or one that is expired, tampered with or not ours.", "Sign in (POST /auth/login) or refresh the session (POST /auth/refresh), then send the request with 'Authorization: Bearer <accessToken>'."),
        new("Token akses yang valid diperlukan.", "Permintaan tidak membawa token akses, atau tokennya kedaluwarsa, diubah, atau bukan milik kami.", "Masuk (POST /auth/login) atau perbarui sesi (POST /auth/refresh), lalu kirim permintaan dengan 'Authorization: Bearer <accessToken>'."));

    public static readonly ProblemType Forbidden = new("forbidden", 403,
        new("You may not do this.", "You are signed in, but your role does not allow this operation.", "Use an account with the role the operation names, or ask an administrator."),
        new("Anda tidak boleh melakukan ini.", "Anda sudah masuk, tetapi peran Anda tidak mengizinkan operasi ini.", "Gunakan akun dengan peran yang disebut operasi ini, atau hubungi administrator."));

    public static readonly ProblemType NotFound = new("not-found", 404,
        new("The resource was not found.", "Nothing exists at this address that you may see; other people's resources answer the same way.", "Check the identifier; list your own resources to find the right one."),
        new("Sumber daya tidak ditemukan.", "Tidak ada yang boleh Anda lihat di alamat ini; sumber daya milik orang lain dijawab dengan cara yang sama.", "Periksa pengenalnya; tampilkan daftar sumber daya Anda sendiri untuk menemukan yang benar."));

    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405,
        new("This method is not allowed here.", "The address exists, but not with this HTTP method.", "Use a method the API reference lists for this address."),
        new("Metode ini tidak diizinkan di sini.", "Alamat ini ada, tetapi tidak dengan metode HTTP tersebut.", "Gunakan metode yang tercantum di referensi API untuk alamat ini."));

    public static readonly ProblemType Conflict = new("conflict", 409,
        new("The resource already exists.", "Something with the same identity was created first.", "Read the existing resource instead of creating it again."),
        new("Sumber daya sudah ada.", "Sesuatu dengan identitas yang sama sudah dibuat lebih dulu.", "Baca sumber daya yang ada alih-alih membuatnya lagi."));

    public static readonly ProblemType BodyTooLarge = new("body-too-large", 413,
        new("The request body is too large.", "The body is bigger than the gateway accepts for this operation.", "Send a smaller body; files go to the signed upload URL, never through the API."),
        new("Isi permintaan terlalu besar.", "Isi permintaan lebih besar dari batas yang diterima gateway untuk operasi ini.", "Kirim isi yang lebih kecil; berkas diunggah ke URL unggah bertanda tangan, bukan melalui API."));

    public static readonly ProblemType StaleETag = new("stale-etag", 412,
        new("The resource was changed by someone else; read it again and retry.", "The If-Match value is not the resource's current ETag: it changed since you read it.", "Read the resource again (GET), apply your change to what you get, and send it with the new ETag in If-Match."),
        new("Sumber daya telah diubah pihak lain; baca ulang dan coba lagi.", "Nilai If-Match bukan ETag terkini: sumber daya berubah sejak Anda membacanya.", "Baca ulang sumber daya (GET), terapkan perubahan Anda, lalu kirim dengan ETag baru di If-Match."));

    public static readonly ProblemType PreconditionRequired = new("precondition-required", 428,
        new("Send If-Match with the ETag you last read.", "This change needs an If-Match header so that it cannot overwrite someone else's change unseen.", "Read the resource (GET), take its ETag header and send it as If-Match."),
        new("Kirim If-Match dengan ETag yang terakhir Anda baca.", "Perubahan ini memerlukan header If-Match agar tidak menimpa perubahan orang lain tanpa diketahui.", "Baca sumber daya (GET), ambil header ETag-nya, lalu kirim sebagai If-Match."));

    public static readonly ProblemType RateLimited = new("rate-limited", 429,
        new("Too many requests; slow down and retry later.", "You sent more requests than the limit for this kind of call allows in a minute.", "Wait the number of seconds in the Retry-After header, then retry."),
        new("Terlalu banyak permintaan; perlambat dan coba lagi nanti.", "Anda mengirim lebih banyak permintaan daripada batas per menit untuk jenis panggilan ini.", "Tunggu selama jumlah detik di header Retry-After, lalu coba lagi."));

    public static readonly ProblemType Cancelled = new("cancelled", 499,
        new("The request was cancelled.", "The client closed the connection before the answer was ready.", "Send the request again if you still need the answer."),
        new("Permintaan dibatalkan.", "Klien menutup koneksi sebelum jawaban siap.", "Kirim ulang permintaan jika Anda masih memerlukan jawabannya."));

    public static readonly ProblemType Internal = new("internal", 500,
        new("Something went wrong on our side.", "The platform failed to answer; nothing about the failure is shown to callers.", "Retry later; if it persists, contact support with the correlationId of the answer."),
        new("Terjadi kesalahan di pihak kami.", "Platform gagal menjawab; rincian kegagalan tidak ditampilkan kepada pemanggil.", "Coba lagi nanti; jika berlanjut, hubungi dukungan dengan correlationId dari jawaban."));

    public static readonly ProblemType Unavailable = new("unavailable", 503,
        new("The service is temporarily unavailable.", "The platform or one of its parts cannot answer right now.", "Retry after a short wait."),
        new("Layanan sementara tidak tersedia.", "Platform atau salah satu bagiannya tidak dapat menjawab saat ini.", "Coba lagi setelah menunggu sebentar."));

    public static readonly ProblemType AuditUnavailable = new("audit-unavailable", 503,
        new("The request could not be recorded for audit; try again shortly.", "Every request is recorded in the audit trail before it is answered, and the trail's queue could not take this one, so the request was not carried out.", "Retry after the number of seconds in Retry-After."),
        new("Permintaan tidak dapat dicatat untuk audit; coba lagi sebentar lagi.", "Setiap permintaan dicatat di jejak audit sebelum dijawab, dan antrean jejak tidak dapat menerima permintaan ini, sehingga permintaan tidak dijalankan.", "Coba lagi setelah jumlah detik pada Retry-After."));

    public static readonly ProblemType GatewayRequired = new("gateway-required", 403,
        new("Requests reach this service only through the API gateway.", "The request came to a service directly instead of through the public gateway.", "Call the API at the gateway's address."),
        new("Permintaan ke layanan ini hanya melalui gateway API.", "Permintaan dikirim langsung ke layanan, bukan melalui gateway publik.", "Panggil API di alamat gateway."));

    /// <summary>The type of an answer given by status alone (a bare 401 from authorization, 404 for no route, ...).</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => StaleETag,
        413 => BodyTooLarge,
        415 => UnsupportedMediaType,
        428 => PreconditionRequired,
        429 => RateLimited,
        499 => Cancelled,
        503 => Unavailable,
        _ => Internal,
    };
}
