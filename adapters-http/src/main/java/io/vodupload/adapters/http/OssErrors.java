package io.vodupload.adapters.http;

import io.vodupload.osswire.ErrorText;
import io.vodupload.osswire.IoFailures;
import io.vodupload.osswire.OssErrorCodes;
import io.vodupload.osswire.RegionBody;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Translates OSS error responses and I/O failures into {@link StorageException}s of the right kind
 * (OSS-PROTOCOL §3, the {@link Kind} javadoc), with oss-wire's {@link OssErrorCodes} and
 * {@link IoFailures}: only the names of HttpClient's own exceptions are known here. Messages are built from the server's code and message,
 * the operation and the target, and scrubbed of the secret and the token should the server echo them.
 * Stateless.
 */
final class OssErrors {

    private OssErrors() {
    }

    /** An OSS error response as read from the wire. */
    record ErrorResponse(int status, String code, Optional<String> message, Optional<String> requestId,
                         Optional<String> ec, Optional<Instant> serverTime) {
    }

    /**
     * Reads the error from a response: the XML body, else the base64 XML of {@code x-oss-err} (HEAD and
     * other bodiless errors), else a code named after the status.
     *
     * @param headers response headers, case-insensitive names
     */
    static ErrorResponse parse(int status, Map<String, String> headers, byte[] body) {
        Map<String, String> fields = errorFields(headers, body);
        String code = nonBlank(fields.get("Code")).orElseGet(() -> codeForStatus(status));
        Optional<String> requestId = nonBlank(headers.get("x-oss-request-id")).or(() -> nonBlank(fields.get("RequestId")));
        Optional<String> ec = nonBlank(fields.get("EC")).or(() -> nonBlank(headers.get("x-oss-ec")));
        Optional<Instant> serverTime = OssDates.parseServerTime(fields.get("ServerTime"))
                .or(() -> OssDates.parseServerTime(headers.get("x-oss-server-time")))
                .or(() -> OssDates.parseServerTime(headers.get("Date")));
        return new ErrorResponse(status, code, nonBlank(fields.get("Message")), requestId, ec, serverTime);
    }

    private static Map<String, String> errorFields(Map<String, String> headers, byte[] body) {
        Map<String, String> fields = OssXml.errorFields(body);
        if (fields.isEmpty() && headers.containsKey("x-oss-err")) {
            try {
                return OssXml.errorFields(Base64.getMimeDecoder().decode(headers.get("x-oss-err").trim()));
            } catch (IllegalArgumentException e) {
                return Map.of();
            }
        }
        return fields;
    }

    /** The kind of an OSS error, by code first and status second. */
    static Kind kindOf(String code, int status, Credentials credentials) {
        return OssErrorCodes.kindOf(code, status, credentials.securityToken().isPresent());
    }

    static StorageException toException(ErrorResponse error, String operation, Credentials credentials) {
        StringBuilder message = new StringBuilder(operation);
        error.message().ifPresent(m -> message.append(": ").append(m));
        error.ec().ifPresent(ec -> message.append(" (EC ").append(ec).append(')'));
        return new StorageException(kindOf(error.code(), error.status(), credentials), error.code(), error.status(),
                error.requestId().orElse(null), scrub(message.toString(), credentials), error.serverTime().orElse(null),
                null);
    }

    /** A success response that does not say what it should (no ETag, no upload id, unreadable XML). */
    static StorageException invalidResponse(String operation, int status, Optional<String> requestId, String what) {
        return new StorageException(Kind.RETRYABLE, "InvalidResponse", status, requestId.orElse(null),
                operation + ": " + what, null, null);
    }

    /**
     * An I/O failure with no (complete) response.
     *
     * @param stalled whether the watchdog aborted the request because the body stopped moving
     */
    static StorageException fromIo(IOException e, String operation, boolean stalled, Credentials credentials) {
        String detail = scrub(String.valueOf(e.getMessage()), credentials);
        if (e instanceof RegionBody.LocalFileException) {
            return new StorageException(Kind.FATAL, "LocalFileError", operation + ": " + detail, e);
        }
        if (stalled) {
            return new StorageException(Kind.RETRYABLE, "SocketTimeout",
                    operation + ": the body stopped moving (no bytes accepted within the response timeout)", e);
        }
        IoFailures.Classified c = IoFailures.classify(e, OssErrors::httpClientCode);
        // the cause helps debugging; I/O exceptions carry hosts and sizes, never signed headers
        return new StorageException(c.kind(), c.code(), operation + ": " + e.getClass().getSimpleName() + ": " + detail,
                e);
    }

    /**
     * A request that ran past its whole-request deadline ({@link io.vodupload.osswire.StallWatchdog#deadline}):
     * a server that answers a byte now and then. Retryable, as a timeout is.
     */
    static StorageException tooSlow(String operation, java.time.Duration limit) {
        return new StorageException(Kind.RETRYABLE, "RequestTooSlow", operation + ": no complete answer within "
                + limit.toMillis() + " ms (the request deadline: 3 x the timeout plus the body at 8 KiB/s)", null);
    }

    /** The codes of HttpClient's own exceptions (they come before the JDK types they extend). */
    private static Optional<String> httpClientCode(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return Optional.of("ConnectionTimeout");
        }
        if (e instanceof ConnectionRequestTimeoutException) {
            return Optional.of("ConnectionPoolTimeout");
        }
        if (e instanceof NoHttpResponseException) {
            return Optional.of("NoResponse");
        }
        if (e instanceof ConnectionClosedException || e instanceof MalformedChunkCodingException) {
            return Optional.of("TruncatedResponse");
        }
        if (e instanceof ClientProtocolException) {
            return Optional.of("InvalidResponse");
        }
        return Optional.empty();
    }

    static String codeForStatus(int status) {
        return OssErrorCodes.codeForStatus(status);
    }

    /** Removes the secret and the token should they appear, and keeps the text to one short line. */
    static String scrub(String text, Credentials credentials) {
        return ErrorText.scrub(text, credentials);
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
