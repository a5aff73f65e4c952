package io.vodupload.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void describe_connectionRefusedAfterRetries_saysWhatWhereAndAttemptsWithTheCodeOnce() {
        String detail = "ConnectionRefused: PutObject oss://b/k: HttpHostConnectException: Connect to "
                + "http://127.0.0.1:9 [/127.0.0.1] failed: Connection refused (gave up after 5 attempts)";
        assertThat(FailureText.describe("ConnectionRefused", detail, "127.0.0.1:9"))
                .isEqualTo("connection refused by 127.0.0.1:9 (PutObject oss://b/k) after 5 attempts");
    }

    @Test
    void describe_unknownHostNotRetried_saysSo() {
        assertThat(FailureText.describe("UnknownHost", "UnknownHost: PutObject oss://b/k: UnknownHostException: x",
                "x.invalid")).isEqualTo("host x.invalid not found (PutObject oss://b/k) (not retried)");
    }

    @Test
    void describe_otherCode_keepsItOnceWithTheMessage() {
        assertThat(FailureText.describe("AccessDenied", "AccessDenied: AccessDenied: PutObject oss://b/k: denied",
                "h")).isEqualTo("AccessDenied: PutObject oss://b/k: denied");
        assertThat(FailureText.describe("InternalError", "InternalError: boom (gave up after 1 attempts)", "h"))
                .isEqualTo("InternalError: boom (after 1 attempt)");
    }
}
