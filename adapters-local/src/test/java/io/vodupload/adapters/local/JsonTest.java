package io.vodupload.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The sidecar's streaming writer and the mapper agree byte for byte, so the reader sees one format. */
class JsonTest {

    static Stream<StoreFiles.Sidecar> sidecars() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Disposition", "attachment; filename=\"clip \u00e9\u6587.mp4\"");
        headers.put("x-oss-meta-note", "tab\there, newline\nthere, \u0001 and \\ and \u2028");
        headers.put("x-oss-forbid-overwrite", "true");
        return Stream.of(
                new StoreFiles.Sidecar(1, "media", "clip.mp4", 300_000, "2026-12-05T13:38:00.123456789Z",
                        "(dev=803,ino=1234)", "\"0123456789ABCDEF0123456789ABCDEF\"", "18446744073709551615",
                        "video/mp4", Map.of()),
                new StoreFiles.Sidecar(1, "b", "a/b/\u00fc \u0000.bin", Long.MAX_VALUE, "1970-01-01T00:00:00Z", null,
                        "\"E-3\"", "0", null, headers),
                new StoreFiles.Sidecar(1, "b", "k", 0, "t", null, null, null, null, null));
    }

    @ParameterizedTest
    @MethodSource("sidecars")
    void sidecar_anyValues_writesTheMappersBytes(StoreFiles.Sidecar sidecar) throws Exception {
        byte[] streamed = Json.sidecar(sidecar);

        assertThat(new String(streamed, StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.mapper().writeValueAsBytes(sidecar), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("sidecars")
    void sidecar_readBackByTheStrictMapper_isTheSameRecord(StoreFiles.Sidecar sidecar) throws Exception {
        assertThat(Json.mapper().readValue(Json.sidecar(sidecar), StoreFiles.Sidecar.class)).isEqualTo(sidecar);
    }
}
