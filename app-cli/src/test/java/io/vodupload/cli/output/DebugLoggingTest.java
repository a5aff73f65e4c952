package io.vodupload.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

class DebugLoggingTest {

    @AfterEach
    void quiet() {
        DebugLogging.configure(false);
    }

    @Test
    void scrub_headersQueriesAndJson_redactsEveryCredentialValue() {
        String text = "Authorization: OSS4-HMAC-SHA256 Credential=STS.x/2026, Signature=abc123\n"
                + "x-oss-security-token: CAIS-secret-token\n"
                + "GET /k?OSSAccessKeyId=STS.x&Signature=zz%2Fyy&security-token=CAIS2 HTTP/1.1\n"
                + "{\"SecurityToken\":\"CAIS3\",\"AccessKeySecret\":\"sk-4\"}";

        String scrubbed = DebugLogging.scrub(text);

        assertThat(scrubbed).doesNotContain("OSS4-HMAC", "abc123", "CAIS-secret-token", "zz%2Fyy", "CAIS2", "CAIS3",
                "sk-4").contains("Authorization: <redacted>").contains("x-oss-security-token: <redacted>")
                .contains("GET /k?OSSAccessKeyId=STS.x&Signature=<redacted>&");
    }

    @Test
    void configure_debug_ownLoggersFineThirdPartyCappedWireOff() {
        DebugLogging.configure(true);

        assertThat(Logger.getLogger("io.vodupload.domain.internal.Engine").isLoggable(Level.FINE)).isTrue();
        assertThat(Logger.getLogger("com.google.inject.internal.Foo").isLoggable(Level.FINE)).isFalse();
        assertThat(Logger.getLogger("jdk.event.security").isLoggable(Level.INFO)).isFalse();
        assertThat(Logger.getLogger("org.apache.http.wire").isLoggable(Level.SEVERE)).isFalse();
        assertThat(Logger.getLogger("org.apache.http.headers").isLoggable(Level.SEVERE)).isFalse();
        assertThat(Logger.getLogger("com.aliyun.oss").isLoggable(Level.WARNING)).isTrue();
    }

    @Test
    void configure_noDebug_nothingIsLoggable() {
        DebugLogging.configure(false);

        assertThat(Logger.getLogger("io.vodupload.domain.internal.Engine").isLoggable(Level.SEVERE)).isFalse();
        assertThat(Logger.getLogger("com.aliyun.oss").isLoggable(Level.SEVERE)).isFalse();
    }
}
