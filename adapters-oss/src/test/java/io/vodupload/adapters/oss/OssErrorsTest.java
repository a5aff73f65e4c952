package io.vodupload.adapters.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import org.apache.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

class OssErrorsTest {

    private static final String SECRET = "s3cr3t-AccessKeySecret";
    private static final String TOKEN = "CAIS-security-token-value";
    private static final Credentials CREDS = Credentials.sts("STS.ak", SECRET, TOKEN, null);
    private static final StorageTarget TARGET = StorageTarget.of("http://127.0.0.1:9000", "bucket", "dir/video.mp4");

    private static OSSException oss(String code, String message, String requestId) {
        return new OSSException(message, code, requestId, "bucket.host", null, null, null,
                "<Error><Code>" + code + "</Code><SecurityToken>" + TOKEN + "</SecurityToken></Error>");
    }

    private static StorageException translate(RuntimeException e, int status) {
        return OssErrors.translate(e, status > 0 ? OptionalInt.of(status) : OptionalInt.empty(), Optional.empty(),
                "UploadPart", TARGET, CREDS);
    }

    @ParameterizedTest
    @CsvSource({
            "SecurityTokenExpired, 403, CREDENTIALS_EXPIRED",
            "InvalidSecurityToken, 403, CREDENTIALS_EXPIRED",
            "RequestTimeTooSkewed, 403, CLOCK_SKEW",
            "NoSuchUpload, 404, UPLOAD_GONE",
            "InternalError, 500, RETRYABLE",
            "ServiceUnavailable, 503, RETRYABLE",
            "SomethingNew, 502, RETRYABLE",
            "RequestTimeout, 408, RETRYABLE",
            "QpsLimitExceeded, 429, RETRYABLE",
            "AccessDenied, 403, FATAL",
            "SignatureDoesNotMatch, 403, FATAL",
            "InvalidPart, 400, FATAL",
            "EntityTooSmall, 400, FATAL",
            "NoSuchBucket, 404, FATAL",
            "InvalidAccessKeyId, 403, CREDENTIALS_EXPIRED",
            "AccessKeyIdAndSecurityTokenNotMatch, 403, CREDENTIALS_EXPIRED",
            "Throttling, 400, RETRYABLE",
    })
    void translate_serverError_kindCodeStatusAndRequestId(String code, int status, Kind kind) {
        StorageException e = translate(oss(code, "server says " + code, "REQ-1"), status);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.requestId()).hasValue("REQ-1");
        assertThat(e.getMessage()).contains("UploadPart", "oss://bucket/dir/video.mp4", "server says " + code);
    }

    @Test
    void translate_invalidAccessKeyIdWithoutToken_fatal() {
        StorageException e = OssErrors.translate(oss("InvalidAccessKeyId", "m", "R"), OptionalInt.of(403),
                Optional.empty(), "PutObject", TARGET, Credentials.of("LTAI.long-term", SECRET));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
    }

    @Test
    void translate_errorWithoutCode_namedAfterTheStatus() {
        OSSException unreadable = new OSSException("Failed to parse", "InvalidResponse", "R", null, null, null, null);

        assertThat(translate(unreadable, 502).errorCode()).isEqualTo("BadGateway");
        assertThat(translate(unreadable, 502).kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(translate(unreadable, 400).errorCode()).isEqualTo("BadRequest");
        assertThat(translate(unreadable, 400).kind()).isEqualTo(Kind.FATAL);
        assertThat(translate(unreadable, 200).errorCode()).isEqualTo("InvalidResponse");
        assertThat(translate(unreadable, 200).kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void fromErrorBody_completeAnsweredWithError_byItsCode() {
        StorageException e = OssErrors.fromErrorBody(Map.of("Code", "InternalError", "Message", "try again",
                "RequestId", "R7", "EC", "0000-1"), 200, Optional.empty(), "CompleteMultipartUpload", TARGET, CREDS);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("InternalError");
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.requestId()).hasValue("R7");
        assertThat(e.getMessage()).contains("EC 0000-1");
    }

    @Test
    void translate_unknownStatusRetryableCode_retryable() {
        assertThat(translate(oss("InternalError", "m", "R"), 0).kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(translate(oss("AccessDenied", "m", "R"), 0).kind()).isEqualTo(Kind.FATAL);
    }

    @Test
    void translate_requestTimeTooSkewed_carriesServerTime() {
        OSSException skew = oss("RequestTimeTooSkewed", "The difference between the request time and the"
                + " current time is too large.", "R");
        skew.setErrorFields(Map.of("ServerTime", "2024-03-05T10:15:30.000Z", "RequestTime", "x"));

        StorageException e = translate(skew, 403);

        assertThat(e.kind()).isEqualTo(Kind.CLOCK_SKEW);
        assertThat(e.serverTime()).hasValue(Instant.parse("2024-03-05T10:15:30Z"));
    }

    @Test
    void translate_serverError_noSecretInMessageAndNoSdkTypeInCauses() {
        OSSException expired = new OSSException("token " + TOKEN + " and secret " + SECRET + " echoed",
                "SecurityTokenExpired", "R", "h", null, null, null,
                "<Error><SecurityToken>" + TOKEN + "</SecurityToken></Error>", new IOException("inner"));

        StorageException e = translate(expired, 403);

        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(SECRET);
        assertNoSdkTypeOrSecretInChain(e);
    }

    @Test
    void translate_responseCutShort_retryableEvenWithStatus200() {
        OSSException parse = new OSSException("Failed to parse the response result.", "InvalidResponse", "R", null,
                null, null, null, new SocketException("Connection reset"));

        StorageException e = translate(parse, 200);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("ConnectionReset");
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.getCause()).isInstanceOf(SocketException.class);
    }

    @Test
    void translate_socketTimeout_retryableWithClientCodeAndJdkCause() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        ClientException ce = new ClientException("Read timed out", "SocketTimeout", "Unknown", timeout);

        StorageException e = translate(ce, 0);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("SocketTimeout");
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getCause()).isSameAs(timeout);
    }

    @Test
    void translate_connectionReset_connectionResetCode() {
        ClientException ce = new ClientException("Connection reset", "SocketException", "Unknown",
                new SocketException("Connection reset"));

        StorageException e = translate(ce, 0);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("ConnectionReset");
    }

    @Test
    void translate_connectionRefused_retryable() {
        ClientException ce = new ClientException("refused", "ConnectionRefused", "Unknown",
                new ConnectException("Connection refused"));

        StorageException e = translate(ce, 0);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("ConnectionRefused");
    }

    @Test
    void translate_httpClientException_causeCopiedAsJdkIoException() {
        NoHttpResponseException nhr = new NoHttpResponseException("127.0.0.1:9000 failed to respond");
        ClientException ce = new ClientException("failed", "ConnectionTimeout", "Unknown", nhr);

        StorageException e = translate(ce, 0);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("NoResponse");
        assertThat(e.getCause()).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("org.apache.http.NoHttpResponseException")
                .hasMessageContaining("failed to respond");
        assertNoSdkTypeOrSecretInChain(e);
    }

    @Test
    void translate_certificateFailure_fatal() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path"));
        ClientException ce = new ClientException("ssl", "SslException", "Unknown", handshake);

        StorageException e = translate(ce, 0);

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("TlsError");
    }

    @Test
    void translate_clientErrorWithoutIo_fatal() {
        ClientException ce = new ClientException("something local broke");

        StorageException e = translate(ce, 0);

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("ClientError");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void translate_sdkWrappedInSdk_causeChainHasNoSdkTypes() {
        ClientException outer = new ClientException("outer", "Unknown", "R",
                new OSSException("inner " + TOKEN, "X", "R", null, null, null, null,
                        new IOException("root")));

        StorageException e = translate(outer, 0);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("IOError");
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("root");
        assertNoSdkTypeOrSecretInChain(e);
    }

    @Test
    void parseServerTime_isoAndRfc1123_parsed() {
        assertThat(OssErrors.parseServerTime("2024-03-05T10:15:30.123Z"))
                .isEqualTo(Instant.parse("2024-03-05T10:15:30.123Z"));
        assertThat(OssErrors.parseServerTime("Tue, 05 Mar 2024 10:15:30 GMT"))
                .isEqualTo(Instant.parse("2024-03-05T10:15:30Z"));
        assertThat(OssErrors.parseServerTime("yesterday")).isNull();
        assertThat(OssErrors.parseServerTime(null)).isNull();
    }

    static void assertNoSdkTypeOrSecretInChain(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 32; c = c.getCause(), depth++) {
            assertThat(c.getClass().getName()).doesNotStartWith("com.aliyun.");
            assertThat(String.valueOf(c.getMessage())).doesNotContain(TOKEN).doesNotContain(SECRET);
            for (Throwable s : c.getSuppressed()) {
                assertThat(s.getClass().getName()).doesNotStartWith("com.aliyun.");
            }
        }
    }
}
