package io.vodupload.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.MediaFields;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.ObjectFields;
import io.vodupload.cli.options.TargetForm;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.options.VodLocation;
import io.vodupload.domain.UploadConfig;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.SignatureVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

class BatchSettingsTest {

    private static final Path FILE = Path.of("/data/videos/clip.mp4");
    private static final Path CHECKPOINTS = Path.of("/home/me/.vodupload/checkpoints");

    private static UploadOptions oss(String bucket, Optional<String> secret) {
        MediaFields none = new MediaFields(Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new UploadOptions(FILE, FILE, TargetForm.OSS, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("http://127.0.0.1:9000"), Optional.of(bucket), Optional.empty(),
                new AccessKeys(Optional.of("AK"), secret, Optional.of("Token-xyz")),
                new VodLocation(Optional.empty(), Optional.empty()), none,
                ObjectFields.parse("video/x-matroska", List.of("Owner=team-a", "take=2"), "ia", "PRIVATE"), MediaType.VIDEO, Optional.of(Transport.OSS),
                SignatureVersion.V4, Optional.of("cn-shanghai"), true,
                UploadConfig.builder().partSize(256 * 1024).parallelism(3).build(), Duration.ofSeconds(20), CHECKPOINTS,
                true, false, true, Optional.of("fetch-token"), false, false);
    }

    @Test
    void of_ossOptions_roundTripsToEachFilesOptionsAndHoldsNoSecret() {
        Map<String, String> s = BatchSettings.of(oss("b", Optional.of("Secret-1")), Optional.empty(), Optional.of("in/"));

        assertThat(s.keySet()).noneMatch(name -> List.of("secret", "token", "auth", "password").stream()
                .anyMatch(word -> name.toLowerCase(Locale.ROOT).contains(word)));
        assertThat(s.values()).doesNotContain("Secret-1", "Token-xyz", "fetch-token", "AK");
        UploadOptions o = BatchSettings.options(s, Path.of("/data/videos/a/b.mp4"), "in/a/b.mp4",
                new AccessKeys(Optional.empty(), Optional.empty(), Optional.empty()), CHECKPOINTS, 2, Optional.empty());
        assertThat(o.form()).isEqualTo(TargetForm.OSS);
        assertThat(o.key()).contains("in/a/b.mp4");
        assertThat(o.bucket()).contains("b");
        assertThat(o.endpoint()).contains("http://127.0.0.1:9000");
        assertThat(o.transport()).contains(Transport.OSS);
        assertThat(o.signature()).isEqualTo(SignatureVersion.V4);
        assertThat(o.region()).contains("cn-shanghai");
        assertThat(o.pathStyle()).isTrue();
        assertThat(o.config().partSize()).isEqualTo(256 * 1024);
        assertThat(o.config().parallelism()).isEqualTo(2);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.skipExisting()).isTrue();
        assertThat(o.object().metadataFor("b.mp4")).isEqualTo(new ObjectMetadata(Optional.of("video/x-matroska"),
                Map.of("x-oss-meta-owner", "team-a", "x-oss-meta-take", "2", "x-oss-storage-class", "IA",
                        "x-oss-object-acl", "private")));
        assertThat(BatchSettings.parallel(s)).isEqualTo(3);
    }

    @Test
    void batchId_sameSourcesTargetAndPrefix_isTheSameWhateverTheOrderAndTheTuning() {
        Map<String, String> s = BatchSettings.of(oss("b", Optional.empty()), Optional.empty(), Optional.of("in/"));
        String id = BatchSettings.batchId(List.of(Path.of("/a"), Path.of("/b")), s);

        assertThat(id).matches("[0-9a-f]{16}");
        assertThat(BatchSettings.batchId(List.of(Path.of("/b"), Path.of("/a")), s)).isEqualTo(id);
        Map<String, String> tuned = new java.util.HashMap<>(s);
        tuned.put("parallel", "9");
        assertThat(BatchSettings.batchId(List.of(Path.of("/a"), Path.of("/b")), tuned)).isEqualTo(id);
        assertThat(BatchSettings.batchId(List.of(Path.of("/a")), s)).isNotEqualTo(id);
        assertThat(BatchSettings.batchId(List.of(Path.of("/a"), Path.of("/b")),
                BatchSettings.of(oss("other", Optional.empty()), Optional.empty(), Optional.of("in/")))).isNotEqualTo(id);
        assertThat(BatchSettings.batchId(List.of(Path.of("/a"), Path.of("/b")),
                BatchSettings.of(oss("b", Optional.empty()), Optional.empty(), Optional.of("out/")))).isNotEqualTo(id);
    }
}
