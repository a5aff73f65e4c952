package io.vodupload.adapters.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.ServiceException;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Translates what the SDK throws ({@code OSSException}/{@code ServiceException} for an error response,
 * {@code ClientException} for everything else) into the port's {@link StorageException}, with the kind
 * {@link StorageException.Kind} documents:
 * <ul>
 *   <li>{@code SecurityTokenExpired}, {@code InvalidSecurityToken} → {@code CREDENTIALS_EXPIRED};</li>
 *   <li>{@code RequestTimeTooSkewed} → {@code CLOCK_SKEW}, with the error's {@code ServerTime};</li>
 *   <li>{@code NoSuchUpload} → {@code UPLOAD_GONE};</li>
 *   <li>HTTP 5xx, 408 and 429, a response cut short, and network failures → {@code RETRYABLE};</li>
 *   <li>anything else (including TLS certificate failures) → {@code FATAL}.</li>
 * </ul>
 *
 * <p>No SDK type crosses the port, not even as a cause: SDK exceptions are dropped from the cause chain
 * and any other non-JDK exception in it is replaced by a JDK copy (class name, message, stack trace).
 * Messages are built from the operation, the target, the server's error code and {@code Message} only
 * (never the SDK's {@code getMessage()}, which embeds the raw error body, where OSS puts the rejected
 * {@code SecurityToken}), and are scrubbed of the call's secret and token in any case.
 *
 * <p>Stateless and thread-safe.
 */
final class OssErrors {

    private static final Set<String> CREDENTIALS_EXPIRED = Set.of("SecurityTokenExpired", "InvalidSecurityToken");
    /** Server codes that mean "try again" even when the status is unknown. */
    private static final Set<String> RETRYABLE_CODES = Set.of("InternalError", "ServiceUnavailable", "RequestTimeout",
            "SlowDown", "TooManyRequests");
    private static final int MAX_CHAIN = 16;

    private OssErrors() {
    }

    /**
     * The port's exception for an SDK failure.
     *
     * @param e           the SDK's exception
     * @param status      the response's HTTP status, when a response arrived
     * @param requestId   the response's {@code x-oss-request-id} header, when known
     * @param operation   the OSS operation ({@code UploadPart}), for the message
     * @param target      the target, for the message
     * @param credentials the call's credentials, whose secrets are scrubbed from the message
     */
    static StorageException translate(RuntimeException e, OptionalInt status, Optional<String> requestId,
                                      String operation, StorageTarget target, Credentials credentials) {
        if (e instanceof ServiceException) {
            return fromService((ServiceException) e, status, requestId, operation, target, credentials);
        }
        if (e instanceof ClientException) {
            return fromClient((ClientException) e, status, requestId, operation, target, credentials);
        }
        String message = operation + " " + target.displayName() + ": unexpected " + e.getClass().getSimpleName();
        return new StorageException(Kind.FATAL, "ClientError", status.orElse(0), requestId.orElse(null),
                scrub(message, credentials), null, clean(e));
    }

    private static StorageException fromService(ServiceException e, OptionalInt status, Optional<String> headerId,
                                                String operation, StorageTarget target, Credentials credentials) {
        String code = blankToNull(e.getErrorCode());
        if (code == null) {
            code = "Unknown";
        }
        int httpStatus = status.orElse(0);
        boolean cutShort = hasIoCause(e);
        Instant serverTime = null;
        if (code.equals("RequestTimeTooSkewed")) {
            Map<String, String> fields = e.getErrorFields();
            serverTime = fields == null ? null : parseServerTime(fields.get("ServerTime"));
        }
        String serverMessage = blankToNull(e.getErrorMessage());
        String message = operation + " " + target.displayName() + ": "
                + (cutShort ? "the response was cut short" : serverMessage == null ? code : serverMessage);
        String requestId = Optional.ofNullable(blankToNull(e.getRequestId())).or(() -> headerId).orElse(null);
        Kind kind = cutShort ? Kind.RETRYABLE : kindOf(code, httpStatus);
        return new StorageException(kind, code, httpStatus, requestId, scrub(message, credentials), serverTime,
                clean(e));
    }

    private static StorageException fromClient(ClientException e, OptionalInt status, Optional<String> headerId,
                                               String operation, StorageTarget target, Credentials credentials) {
        Throwable io = firstOf(e, IOException.class);
        String detail = io != null ? io.getClass().getSimpleName() + ": " + io.getMessage()
                : Optional.ofNullable(blankToNull(e.getErrorMessage())).orElse("client error");
        String message = operation + " " + target.displayName() + ": " + detail;
        String requestId = Optional.ofNullable(blankToNull(e.getRequestId())).or(() -> headerId).orElse(null);
        Kind kind;
        String code;
        if (io == null) {
            kind = Kind.FATAL;
            code = Optional.ofNullable(blankToNull(e.getErrorCode())).filter(c -> !c.equals("Unknown"))
                    .orElse("ClientError");
        } else if (isCertificateFailure(e)) {
            kind = Kind.FATAL;
            code = "SslHandshakeFailed";
        } else {
            kind = Kind.RETRYABLE;
            code = networkCode(e, io);
        }
        return new StorageException(kind, code, status.orElse(0), requestId, scrub(message, credentials), null,
                clean(e));
    }

    /** The kind for a server error code and HTTP status (0 when unknown). */
    static Kind kindOf(String code, int status) {
        if (CREDENTIALS_EXPIRED.contains(code)) {
            return Kind.CREDENTIALS_EXPIRED;
        }
        if (code.equals("RequestTimeTooSkewed")) {
            return Kind.CLOCK_SKEW;
        }
        if (code.equals("NoSuchUpload")) {
            return Kind.UPLOAD_GONE;
        }
        if (status >= 500 || status == 408 || status == 429) {
            return Kind.RETRYABLE;
        }
        if (status == 0 && RETRYABLE_CODES.contains(code)) {
            return Kind.RETRYABLE;
        }
        return Kind.FATAL;
    }

    /** A client-side code for a failure without a (complete) response. */
    private static String networkCode(ClientException e, Throwable io) {
        if (firstOf(e, SocketTimeoutException.class) != null) {
            return "SocketTimeout";
        }
        if (firstOf(e, UnknownHostException.class) != null) {
            return "UnknownHost";
        }
        if (firstOf(e, ConnectException.class) != null) {
            return "ConnectionRefused";
        }
        String sdkCode = blankToNull(e.getErrorCode());
        if (sdkCode != null && sdkCode.equals("ConnectionTimeout")
                && !io.getClass().getName().endsWith("NoHttpResponseException")) {
            return "ConnectionTimeout";
        }
        if (io.getClass().getName().endsWith("NoHttpResponseException")) {
            return "NoResponse";
        }
        if (firstOf(e, SSLException.class) != null) {
            return "SslException";
        }
        String msg = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
        if (io instanceof SocketException && (msg.contains("reset") || msg.contains("broken pipe")
                || msg.contains("abort"))) {
            return "ConnectionReset";
        }
        if (io.getClass().getName().endsWith("ConnectionClosedException")
                || io.getClass().getName().endsWith("TruncatedChunkException")) {
            return "ConnectionReset";
        }
        return sdkCode != null && !sdkCode.equals("Unknown") ? sdkCode : "NetworkError";
    }

    private static boolean isCertificateFailure(Throwable e) {
        if (firstOf(e, SSLPeerUnverifiedException.class) != null) {
            return true;
        }
        Throwable handshake = firstOf(e, SSLHandshakeException.class);
        return handshake != null && firstOf(handshake, GeneralSecurityException.class) != null;
    }

    private static boolean hasIoCause(Throwable e) {
        return firstOf(e.getCause(), IOException.class) != null;
    }

    private static Throwable firstOf(Throwable t, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CHAIN; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The cause chain of {@code t} without SDK types: SDK exceptions are skipped, JDK exceptions whose
     * whole chain is JDK-only are kept as they are, anything else becomes a JDK copy
     * ({@link IOException} for I/O failures, {@link RuntimeException} otherwise) with the original class
     * name in its message and the original stack trace. Null when nothing is left.
     */
    static Throwable clean(Throwable t) {
        return clean(t, 0);
    }

    private static Throwable clean(Throwable t, int depth) {
        Throwable c = t;
        while (c != null && isSdk(c)) {
            c = c.getCause();
        }
        if (c == null || depth >= MAX_CHAIN) {
            return null;
        }
        if (isJdkOnly(c, depth)) {
            return c;
        }
        Throwable cause = clean(c.getCause(), depth + 1);
        String message = c.getClass().getName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        Throwable copy = c instanceof IOException ? new IOException(message, cause) : new RuntimeException(message, cause);
        copy.setStackTrace(c.getStackTrace());
        return copy;
    }

    private static boolean isJdkOnly(Throwable t, int depth) {
        int d = depth;
        for (Throwable c = t; c != null; c = c.getCause(), d++) {
            if (d >= MAX_CHAIN || !isJdk(c)) {
                return false;
            }
            for (Throwable s : c.getSuppressed()) {
                if (!isJdk(s)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isSdk(Throwable t) {
        return t.getClass().getName().startsWith("com.aliyun.");
    }

    private static boolean isJdk(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("sun.")
                || name.startsWith("jdk.");
    }

    /** The message with the call's secret and token replaced by {@code ***}, should a server echo them. */
    static String scrub(String message, Credentials credentials) {
        String m = message.replace(credentials.accessKeySecret(), "***");
        if (credentials.securityToken().isPresent()) {
            m = m.replace(credentials.securityToken().get(), "***");
        }
        return m;
    }

    /** The {@code ServerTime} of a {@code RequestTimeTooSkewed} error (ISO 8601, or RFC 1123 as a fallback). */
    static Instant parseServerTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
