package io.vodupload.adapters.http;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.OssErrorCodes;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Translates OSS error responses and I/O failures into {@link StorageException}s of the right kind
 * (OSS-PROTOCOL §3, the {@link Kind} javadoc). Messages are built from the server's code and message,
 * the operation and the target, and scrubbed of the secret and the token should the server echo them.
 * Stateless.
 */
final class OssErrors {

    private static final int MAX_MESSAGE = 300;

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
        String detail = scrub(oneLine(String.valueOf(e.getMessage())), credentials);
        if (e instanceof FileRegionEntity.LocalFileException) {
            return new StorageException(Kind.FATAL, "LocalFileError", operation + ": " + detail, e);
        }
        if (stalled) {
            return new StorageException(Kind.RETRYABLE, "SocketTimeout",
                    operation + ": the body stopped moving (no bytes accepted within the response timeout)", e);
        }
        String code;
        Kind kind = Kind.RETRYABLE;
        if (e instanceof ConnectTimeoutException) {
            code = "ConnectionTimeout";
        } else if (e instanceof ConnectionRequestTimeoutException) {
            code = "ConnectionPoolTimeout";
        } else if (e instanceof SocketTimeoutException) {
            code = "SocketTimeout";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            code = "ConnectionRefused";
        } else if (e instanceof UnknownHostException) {
            code = "UnknownHost";
        } else if (e instanceof NoHttpResponseException) {
            code = "NoResponse";
        } else if (e instanceof ConnectionClosedException || e instanceof MalformedChunkCodingException
                || e instanceof EOFException) {
            code = "TruncatedResponse";
        } else if (e instanceof SSLException) {
            if (isTlsVerificationFailure(e)) {
                code = "TlsError";
                kind = Kind.FATAL;
            } else {
                code = "ConnectionReset";
            }
        } else if (e instanceof SocketException) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            code = m.contains("reset") || m.contains("broken pipe") || m.contains("closed")
                    || m.contains("abort") ? "ConnectionReset" : "SocketError";
        } else if (e instanceof ClientProtocolException) {
            code = "InvalidResponse";
        } else if (e instanceof InterruptedIOException) {
            code = "Interrupted";
            kind = Kind.FATAL;
        } else {
            code = "IOError";
        }
        // the cause helps debugging; I/O exceptions carry hosts and sizes, never signed headers
        return new StorageException(kind, code, operation + ": " + e.getClass().getSimpleName() + ": " + detail, e);
    }

    /**
     * A handshake that failed on the certificate or host name: retrying cannot help. A TLS exception
     * caused by a broken socket is a network fault instead.
     */
    private static boolean isTlsVerificationFailure(IOException e) {
        if (e instanceof SSLPeerUnverifiedException) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SocketException || t instanceof EOFException) {
                return false;
            }
        }
        return true;
    }

    static String codeForStatus(int status) {
        return OssErrorCodes.codeForStatus(status);
    }

    /** Removes the secret and the token should they appear, and keeps the text to one short line. */
    static String scrub(String text, Credentials credentials) {
        String s = text.replace(credentials.accessKeySecret(), "***");
        if (credentials.securityToken().isPresent()) {
            s = s.replace(credentials.securityToken().get(), "***");
        }
        return oneLine(s);
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
