package io.vodupload.osswire;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.StorageException;

import java.util.Set;

/**
 * How an OSS error answer is classified into a {@link StorageException.Kind}, and the names given to
 * errors that came without a code. One function shared by every OSS transport, so that the raw HTTP
 * adapter and the aliyun-sdk-oss adapter can never disagree about what is retried, refreshed or fatal
 * (OSS-PROTOCOL.md §3). Failures without an answer are classified by {@link IoFailures}.
 *
 * <p>Pure, stateless, thread-safe.
 */
public final class OssErrorCodes {

    private static final Set<String> CREDENTIAL_CODES =
            Set.of("SecurityTokenExpired", "InvalidSecurityToken", "AccessKeyIdAndSecurityTokenNotMatch");
    /** Codes that mean "try again" even when the status says otherwise (Complete's 200 with an error). */
    private static final Set<String> RETRYABLE_CODES =
            Set.of("InternalError", "ServiceUnavailable", "RequestTimeout", "SlowDown", "Throttling");

    private OssErrorCodes() {
    }

    /**
     * The kind of an OSS error answer.
     *
     * @param code     the OSS error code ({@code SecurityTokenExpired}, {@code NoSuchUpload}, ...)
     * @param status   the HTTP status
     * @param stsInUse whether the request was signed with an STS token: then an {@code InvalidAccessKeyId}
     *                 means the temporary AccessKeyId expired, not that it was never valid
     */
    public static StorageException.Kind kindOf(String code, int status, boolean stsInUse) {
        if (CREDENTIAL_CODES.contains(code)) {
            return StorageException.Kind.CREDENTIALS_EXPIRED;
        }
        if (code.equals("InvalidAccessKeyId")) {
            return stsInUse ? StorageException.Kind.CREDENTIALS_EXPIRED : StorageException.Kind.FATAL;
        }
        if (code.equals("RequestTimeTooSkewed")) {
            return StorageException.Kind.CLOCK_SKEW;
        }
        if (code.equals("NoSuchUpload")) {
            return StorageException.Kind.UPLOAD_GONE;
        }
        if (status >= 500 || status == 408 || status == 429 || RETRYABLE_CODES.contains(code)) {
            return StorageException.Kind.RETRYABLE;
        }
        return StorageException.Kind.FATAL;
    }

    /** {@link #kindOf(String, int, boolean)} for a call signed with {@code credentials}. */
    public static StorageException.Kind kindOf(String code, int status, Credentials credentials) {
        return kindOf(code, status, credentials.securityToken().isPresent());
    }

    /** The code for an error answer that carried none (a HEAD error, a proxy's page), named after its status. */
    public static String codeForStatus(int status) {
        switch (status) {
            case 304: return "NotModified";
            case 400: return "BadRequest";
            case 401: return "Unauthorized";
            case 403: return "AccessForbidden";
            case 404: return "NoSuchKey";
            case 405: return "MethodNotAllowed";
            case 408: return "RequestTimeout";
            case 409: return "Conflict";
            case 411: return "MissingContentLength";
            case 412: return "PreconditionFailed";
            case 429: return "TooManyRequests";
            case 500: return "InternalError";
            case 502: return "BadGateway";
            case 503: return "ServiceUnavailable";
            case 504: return "GatewayTimeout";
            default: return "HttpStatus" + status;
        }
    }
}
