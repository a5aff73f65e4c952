package io.vodupload.osswire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.osswire.IoFailures.Classified;
import io.vodupload.ports.StorageException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IoFailuresTest {

    private static final Function<IOException, Optional<String>> NO_CLIENT_CODES = e -> Optional.empty();

    static Stream<Arguments> jdkFailures() {
        return Stream.of(
                Arguments.of(new SocketTimeoutException("Read timed out"), Kind.RETRYABLE, "SocketTimeout"),
                Arguments.of(new ConnectException("Connection refused"), Kind.RETRYABLE, "ConnectionRefused"),
                Arguments.of(new NoRouteToHostException("no route"), Kind.RETRYABLE, "ConnectionRefused"),
                Arguments.of(new UnknownHostException("b.example"), Kind.FATAL, "UnknownHost"),
                Arguments.of(new EOFException("early end"), Kind.RETRYABLE, "TruncatedResponse"),
                Arguments.of(new SocketException("Connection reset"), Kind.RETRYABLE, "ConnectionReset"),
                Arguments.of(new SocketException("Broken pipe (Write failed)"), Kind.RETRYABLE, "ConnectionReset"),
                Arguments.of(new SocketException("Network is unreachable"), Kind.RETRYABLE, "SocketError"),
                Arguments.of(new SSLPeerUnverifiedException("peer not verified"), Kind.FATAL, "TlsError"),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), Kind.FATAL, "TlsError"),
                Arguments.of(new SSLException("closed", new SocketException("Connection reset")), Kind.RETRYABLE,
                        "ConnectionReset"),
                Arguments.of(new SSLException("eof", new EOFException()), Kind.RETRYABLE, "ConnectionReset"),
                Arguments.of(new InterruptedIOException("interrupted"), Kind.FATAL, "Interrupted"),
                Arguments.of(new IOException("something else"), Kind.RETRYABLE, "IOError"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("jdkFailures")
    void classify_jdkException_kindAndCode(IOException e, Kind kind, String code) {
        assertThat(IoFailures.classify(e, NO_CLIENT_CODES)).isEqualTo(new Classified(kind, code));
    }

    /** A client's connect timeout extends SocketTimeoutException (or InterruptedIOException): its name wins. */
    @Test
    void classify_clientCodeGiven_winsOverTheJdkType() {
        class ClientConnectTimeout extends InterruptedIOException {
            private static final long serialVersionUID = 1L;
        }
        Function<IOException, Optional<String>> client =
                e -> e instanceof ClientConnectTimeout ? Optional.of("ConnectionTimeout") : Optional.empty();

        assertThat(IoFailures.classify(new ClientConnectTimeout(), client))
                .isEqualTo(new Classified(Kind.RETRYABLE, "ConnectionTimeout"));
        assertThat(IoFailures.classify(new InterruptedIOException(), client))
                .isEqualTo(new Classified(Kind.FATAL, "Interrupted"));
    }

    @Test
    void isTlsVerificationFailure_certificateCauseVersusBrokenSocket() {
        assertThat(IoFailures.isTlsVerificationFailure(
                new SSLHandshakeException("bad cert"))).isTrue();
        SSLException cert = new SSLException("x", new CertificateException("expired"));
        assertThat(IoFailures.isTlsVerificationFailure(cert)).isTrue();
        SSLException broken = new SSLException("x", new IOException("y", new SocketException("reset")));
        assertThat(IoFailures.isTlsVerificationFailure(broken)).isFalse();
    }
}
