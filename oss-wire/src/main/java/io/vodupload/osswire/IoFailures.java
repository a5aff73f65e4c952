package io.vodupload.osswire;

import io.vodupload.ports.StorageException.Kind;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Classifies an I/O failure that left no (complete) answer into a {@link Kind} and an error code, the same
 * way for every OSS transport ({@code docs/adapters.md}, the error table). The JDK's exceptions are
 * known here; the HTTP client's own ones (a pool timeout, "no response", a truncated chunk) are named by
 * the transport through a {@code clientCodes} function, so this module stays free of any HTTP library.
 *
 * <p>Pure, stateless, thread-safe.
 */
public final class IoFailures {

    /**
     * What an I/O failure means.
     *
     * @param kind {@code RETRYABLE} for network faults; {@code FATAL} for a failed TLS verification, a host
     *             name that does not resolve and an interrupted thread
     * @param code {@code SocketTimeout}, {@code ConnectionRefused}, {@code TlsError}, ...
     */
    public record Classified(Kind kind, String code) {
        public Classified {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
        }
    }

    private IoFailures() {
    }

    /**
     * Classifies {@code e}.
     *
     * @param clientCodes the code of an exception type of the transport's HTTP client (tried first, so a
     *                    client's connect timeout that extends {@link SocketTimeoutException} keeps its own
     *                    name), empty for any other; those are always {@code RETRYABLE}
     */
    public static Classified classify(IOException e, Function<IOException, Optional<String>> clientCodes) {
        Optional<String> client = clientCodes.apply(e);
        if (client.isPresent()) {
            return new Classified(Kind.RETRYABLE, client.get());
        }
        if (e instanceof SocketTimeoutException) {
            return retryable("SocketTimeout");
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return retryable("ConnectionRefused");
        }
        if (e instanceof UnknownHostException) {
            // a name that does not resolve stays so for the seconds retries would take: fail fast
            return new Classified(Kind.FATAL, "UnknownHost");
        }
        if (e instanceof EOFException) {
            return retryable("TruncatedResponse");
        }
        if (e instanceof SSLException) {
            return isTlsVerificationFailure(e) ? new Classified(Kind.FATAL, "TlsError") : retryable("ConnectionReset");
        }
        if (e instanceof SocketException) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return retryable(m.contains("reset") || m.contains("broken pipe") || m.contains("closed")
                    || m.contains("abort") ? "ConnectionReset" : "SocketError");
        }
        if (e instanceof InterruptedIOException) {
            return new Classified(Kind.FATAL, "Interrupted");
        }
        return retryable("IOError");
    }

    /**
     * Whether a TLS failure is one of verification (the certificate or the host name), which retrying
     * cannot help. A TLS exception caused by a broken socket is a network fault instead.
     */
    public static boolean isTlsVerificationFailure(IOException e) {
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

    private static Classified retryable(String code) {
        return new Classified(Kind.RETRYABLE, code);
    }
}
