package io.vodupload.osswire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.StorageException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OssErrorCodesTest {

    @ParameterizedTest(name = "{0} {1} sts={2} -> {3}")
    @CsvSource({
        "SecurityTokenExpired, 403, true, CREDENTIALS_EXPIRED",
        "InvalidSecurityToken, 403, true, CREDENTIALS_EXPIRED",
        "AccessKeyIdAndSecurityTokenNotMatch, 403, true, CREDENTIALS_EXPIRED",
        "InvalidAccessKeyId, 403, true, CREDENTIALS_EXPIRED",
        "InvalidAccessKeyId, 403, false, FATAL",
        "RequestTimeTooSkewed, 403, false, CLOCK_SKEW",
        "NoSuchUpload, 404, false, UPLOAD_GONE",
        "ServiceUnavailable, 503, false, RETRYABLE",
        "Whatever, 500, false, RETRYABLE",
        "RequestTimeout, 408, false, RETRYABLE",
        "TooManyRequests, 429, false, RETRYABLE",
        "InternalError, 200, false, RETRYABLE",
        "SignatureDoesNotMatch, 403, false, FATAL",
        "AccessDenied, 403, true, FATAL",
        "EntityTooSmall, 400, false, FATAL",
        "NoSuchBucket, 404, false, FATAL",
    })
    void kindOf_ossCodes_classifiedAsProtocolSays(String code, int status, boolean sts, Kind expected) {
        assertThat(OssErrorCodes.kindOf(code, status, sts)).isEqualTo(expected);
    }

    @Test
    void codeForStatus_knownAndUnknown_named() {
        assertThat(OssErrorCodes.codeForStatus(404)).isEqualTo("NoSuchKey");
        assertThat(OssErrorCodes.codeForStatus(403)).isEqualTo("AccessForbidden");
        assertThat(OssErrorCodes.codeForStatus(418)).isEqualTo("HttpStatus418");
    }

}
