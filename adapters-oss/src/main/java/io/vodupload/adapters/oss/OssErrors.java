package io.vodupload.adapters.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.ServiceException;
import io.vodupload.osswire.ErrorText;
import io.vodupload.osswire.IoFailures;
import io.vodupload.osswire.OssErrorCodes;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Translates what the SDK throws ({@code OSSException}/{@code ServiceException} for an error response,
 * {@code ClientException} for everything else) into the port's {@link StorageException}, with the same
 * kinds and codes as the raw HTTP adapter ({@code docs/adapters.md}, the error table):
 * <ul>
 *   <li>{@code SecurityTokenExpired}, {@code InvalidSecurityToken}, {@code AccessKeyIdAndSecurityTokenNotMatch},
 *       and {@code InvalidAccessKeyId} when the credentials are STS → {@code CREDENTIALS_EXPIRED};</li>
 *   <li>{@code RequestTimeTooSkewed} → {@code CLOCK_SKEW}, with the error's {@code ServerTime};</li>
 *   <li>{@code NoSuchUpload} → {@code UPLOAD_GONE};</li>
 *   <li>HTTP 5xx, 408 and 429 (whatever the code), the codes {@code InternalError},
 *       {@code ServiceUnavailable}, {@code RequestTimeout}, {@code SlowDown}, {@code Throttling}, a
 *       success response that cannot be read, and network failures → {@code RETRYABLE};</li>
 *   <li>anything else, TLS verification failures and an interrupted thread → {@code FATAL}.</li>
 * </ul>
 * An error without a code (an HTML page from a proxy, an empty body) is named after its status
 * ({@code BadGateway}, {@code NoSuchKey}, ...).
 *
 * <p>No SDK type crosses the port, not even as a cause: SDK exceptions are dropped from the cause chain
 * and any other non-JDK exception in it is replaced by a JDK copy (class name, message, stack trace).
 * Messages are built from the operation, the target, the server's error code, {@code Message} and
 * {@code EC} only (never the SDK's {@code getMessage()}, which embeds the raw error body, where OSS puts
 * the rejected {@code SecurityToken}), and are scrubbed of the call's secret and token in any case.
 *
 * <p>Stateless and thread-safe.
 */
final class OssErrors {

    /** Codes SDK1 makes up when it could not read the error: the status says more. */
    private static final Set<String> SDK_PLACEHOLDER_CODES = Set.of("Unknown", "InvalidResponse");
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
     * @param credentials the call's credentials: STS or not decides {@code InvalidAccessKeyId}; their
     *                    secrets are scrubbed from the message
     */
    static StorageException translate(RuntimeException e, OptionalInt status, Optional<String> requestId,
                                      String operation, StorageTarget target, Credentials credentials) {
        String op = operation + " " + target.displayName();
        IOException io = firstOf(e, IOException.class);
        if (io != null) {
            // no response, or one cut short: the I/O failure is what happened
            return fromIo(io, status.orElse(0), requestId, op, credentials, e);
        }
        if (e instanceof ServiceException) {
            return fromService((ServiceException) e, status.orElse(0), requestId, op, credentials);
        }
        String code = e instanceof ClientException
                ? nonBlank(((ClientException) e).getErrorCode()).filter(c -> !c.equals("Unknown")).orElse("ClientError")
                : "ClientError";
        String detail = e instanceof ClientException
                ? nonBlank(((ClientException) e).getErrorMessage()).orElse("client error")
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new StorageException(Kind.FATAL, code, status.orElse(0), requestId.orElse(null),
                scrub(op + ": " + detail, credentials), null, clean(e));
    }

    private static StorageException fromService(ServiceException e, int status, Optional<String> headerRequestId,
                                                String op, Credentials credentials) {
        Optional<String> sdkCode = nonBlank(e.getErrorCode());
        boolean placeholder = sdkCode.isEmpty() || SDK_PLACEHOLDER_CODES.contains(sdkCode.get());
        boolean success = status >= 200 && status < 300;
        String code;
        Kind kind;
        if (placeholder && success) {
            // a 2xx answer the SDK could not read
            code = "InvalidResponse";
            kind = Kind.RETRYABLE;
        } else {
            code = placeholder && status > 0 ? codeForStatus(status) : sdkCode.orElse("Unknown");
            kind = kindOf(code, status, credentials);
        }
        Instant serverTime = null;
        if (code.equals("RequestTimeTooSkewed")) {
            Map<String, String> fields = e.getErrorFields();
            serverTime = fields == null ? null : parseServerTime(fields.get("ServerTime"));
        }
        StringBuilder message = new StringBuilder(op).append(": ");
        message.append(placeholder ? "HTTP " + status : nonBlank(e.getErrorMessage()).orElse(code));
        nonBlank(e.getEC()).ifPresent(ec -> message.append(" (EC ").append(ec).append(')'));
        String requestId = headerRequestId.or(() -> nonBlank(e.getRequestId())).orElse(null);
        return new StorageException(kind, code, status, requestId, scrub(message.toString(), credentials), serverTime,
                null);
    }

    /**
     * The exception for an {@code <Error>} document that came with a 2xx status (OSS may fail a
     * CompleteMultipartUpload that way).
     */
    static StorageException fromErrorBody(Map<String, String> fields, int status, Optional<String> headerRequestId,
                                          String operation, StorageTarget target, Credentials credentials) {
        String code = nonBlank(fields.get("Code")).orElse("InvalidResponse");
        StringBuilder message = new StringBuilder(operation).append(' ').append(target.displayName()).append(": ")
                .append(nonBlank(fields.get("Message")).orElse(code));
        nonBlank(fields.get("EC")).ifPresent(ec -> message.append(" (EC ").append(ec).append(')'));
        Kind kind = code.equals("InvalidResponse") ? Kind.RETRYABLE : kindOf(code, status, credentials);
        return new StorageException(kind, code, status,
                headerRequestId.or(() -> nonBlank(fields.get("RequestId"))).orElse(null),
                scrub(message.toString(), credentials), parseServerTime(fields.get("ServerTime")), null);
    }

    /** The kind of an OSS error, by code first and status second. */
    static Kind kindOf(String code, int status, Credentials credentials) {
        return OssErrorCodes.kindOf(code, status, credentials.securityToken().isPresent());
    }

    /** A failure with no (complete) response, classified by its I/O exception (oss-wire's {@link IoFailures}). */
    private static StorageException fromIo(IOException io, int status, Optional<String> requestId, String op,
                                           Credentials credentials, RuntimeException sdk) {
        IoFailures.Classified c = IoFailures.classify(io, OssErrors::sdkHttpClientCode);
        String detail = io.getClass().getSimpleName() + ": " + io.getMessage();
        return new StorageException(c.kind(), c.code(), status, requestId.orElse(null),
                scrub(op + ": " + detail, credentials), null, clean(sdk));
    }

    /**
     * The codes of the exceptions of the SDK's HTTP client (Apache HttpClient 4), by class name: no
     * compile-time tie to a library the SDK may change. The pool timeout extends the connect timeout, so
     * it comes first.
     */
    private static Optional<String> sdkHttpClientCode(IOException io) {
        if (isA(io, "org.apache.http.conn.ConnectionPoolTimeoutException")) {
            return Optional.of("ConnectionPoolTimeout");
        }
        if (isA(io, "org.apache.http.conn.ConnectTimeoutException")) {
            return Optional.of("ConnectionTimeout");
        }
        if (isA(io, "org.apache.http.NoHttpResponseException")) {
            return Optional.of("NoResponse");
        }
        if (isA(io, "org.apache.http.ConnectionClosedException")
                || isA(io, "org.apache.http.MalformedChunkCodingException")) {
            return Optional.of("TruncatedResponse");
        }
        if (isA(io, "org.apache.http.client.ClientProtocolException")) {
            return Optional.of("InvalidResponse");
        }
        return Optional.empty();
    }

    /** The code for an error response without one, named after its status. */
    static String codeForStatus(int status) {
        return OssErrorCodes.codeForStatus(status);
    }

    /** Whether {@code t}'s class or a superclass has this name (no compile-time tie to the SDK's HTTP client). */
    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T firstOf(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CHAIN; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
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

    /** The message with the call's secret and token replaced by {@code ***}, on one short line. */
    static String scrub(String message, Credentials credentials) {
        return ErrorText.scrub(message, credentials);
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

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
