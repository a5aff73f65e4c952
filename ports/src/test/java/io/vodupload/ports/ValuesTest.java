package io.vodupload.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest
    @CsvSource({
        "oss-cn-shanghai.aliyuncs.com, https://oss-cn-shanghai.aliyuncs.com",
        "https://oss-cn-shanghai.aliyuncs.com, https://oss-cn-shanghai.aliyuncs.com",
        "https://oss-cn-shanghai.aliyuncs.com/, https://oss-cn-shanghai.aliyuncs.com",
        "http://127.0.0.1:8080, http://127.0.0.1:8080",
        "localhost:9000, https://localhost:9000",
    })
    void parseEndpoint_urlOrHost_normalised(String in, String expected) {
        assertThat(StorageTarget.parseEndpoint(in)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource({"'ftp://x.example'", "'https://'", "'https://host/some/path'", "'   '"})
    void parseEndpoint_notUrlOrHost_rejectedNamingValue(String in) {
        assertThatThrownBy(() -> StorageTarget.parseEndpoint(in))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void storageTarget_leadingSlashKey_rejectedNamingKey() {
        assertThatThrownBy(() -> StorageTarget.of("oss-cn-hangzhou.aliyuncs.com", "b", "/k"))
                .hasMessage("key starts with '/': /k");
    }

    @Test
    void credentials_toString_hidesSecretAndToken() {
        Credentials c = Credentials.sts("STS.id", "s3cr3t-value", "tok3n-value", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(c.toString()).contains("STS.id").doesNotContain("s3cr3t-value").doesNotContain("tok3n-value");
        assertThat(new UploadAuth(c, Optional.of("cn-shanghai")).toString())
                .doesNotContain("s3cr3t-value").doesNotContain("tok3n-value");
    }

    @Test
    void credentials_isExpiredAt_comparesExpiry() {
        Credentials c = Credentials.sts("id", "s", "t", Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(c.isExpiredAt(Instant.parse("2029-12-31T23:59:59Z"))).isFalse();
        assertThat(c.isExpiredAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
        assertThat(Credentials.of("id", "s").isExpiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void partReceipt_quotedEtag_isUnquoted_andBadNumberNamed() {
        assertThat(PartReceipt.of(1, "\"ABC\"", 10, 5).etag()).isEqualTo("ABC");
        assertThatThrownBy(() -> PartReceipt.of(10_001, "e", 1, 1)).hasMessage("partNumber out of 1..10000: 10001");
    }

    @Test
    void objectMetadata_headers_lowercasedAndReservedRejected() {
        ObjectMetadata m = new ObjectMetadata(Optional.empty(), Map.of("X-OSS-Meta-A", "1"));
        assertThat(m.headers()).containsEntry("x-oss-meta-a", "1");
        assertThatThrownBy(() -> new ObjectMetadata(Optional.empty(), Map.of("Content-Type", "x")))
                .hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> new ObjectMetadata(Optional.empty(), Map.of("x-oss-security-token", "x")))
                .hasMessageContaining("reserved");
    }

    @Test
    void checkpoint_partsSortedAndDuplicatesRejected() {
        StorageTarget t = StorageTarget.of("http://127.0.0.1:1", "b", "k");
        CheckpointPart p2 = new CheckpointPart(2, 100, 100, "e2", 2);
        CheckpointPart p1 = new CheckpointPart(1, 0, 100, "e1", 1);
        Checkpoint c = new Checkpoint(1, "0123456789abcdef", Path.of("/f"), 200, 0, t, "u", 100,
                List.of(p2, p1), Instant.EPOCH);
        assertThat(c.parts()).containsExactly(p1, p2);
        assertThat(c.bytesDone()).isEqualTo(200);
        assertThatThrownBy(() -> new Checkpoint(1, "0123456789abcdef", Path.of("/f"), 200, 0, t, "u", 100,
                List.of(p1, p1), Instant.EPOCH)).hasMessage("part 1 listed twice");
    }

    @Test
    void storageException_message_hasCodeStatusRequestId() {
        StorageException e = new StorageException(StorageException.Kind.CREDENTIALS_EXPIRED, "SecurityTokenExpired",
                403, "REQ1", "The security token you provided has expired.", null, null);
        assertThat(e.getMessage()).isEqualTo(
                "SecurityTokenExpired (HTTP 403): The security token you provided has expired. [RequestId REQ1]");
        assertThat(e.httpStatus()).hasValue(403);
        assertThat(e.requestId()).hasValue("REQ1");
        assertThat(e.isRetryable()).isFalse();
    }
}
