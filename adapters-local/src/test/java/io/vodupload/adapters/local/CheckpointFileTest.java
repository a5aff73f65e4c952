package io.vodupload.adapters.local;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.StorageTarget;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class CheckpointFileTest {

    @Property(tries = 200)
    void fromThenToCheckpoint_anyCheckpoint_isTheSameCheckpoint(@ForAll("checkpoints") Checkpoint checkpoint)
            throws Exception {
        byte[] json = Json.mapper().writeValueAsBytes(CheckpointFile.from(checkpoint));

        Checkpoint read = Json.mapper().readValue(json, CheckpointFile.class).toCheckpoint();

        org.assertj.core.api.Assertions.assertThat(read).isEqualTo(checkpoint);
    }

    @Provide
    Arbitrary<Checkpoint> checkpoints() {
        Arbitrary<String> fingerprint = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(16)
                .ofMaxLength(128);
        Arbitrary<String> key = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                .filter(k -> !k.isBlank() && !k.startsWith("/"));
        Arbitrary<Optional<String>> region = Arbitraries.of("cn-shanghai", "ap-southeast-1").optional();
        Arbitrary<List<CheckpointPart>> parts = Arbitraries.longs().list().ofMaxSize(20).map(crcs -> {
            List<CheckpointPart> list = new ArrayList<>();
            for (int i = 0; i < crcs.size(); i++) {
                list.add(new CheckpointPart(i + 1, i * 102_400L, 102_400L, "ETAG" + i, crcs.get(i)));
            }
            return list;
        });
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(fingerprint, key, region, parts, time, Arbitraries.longs().greaterOrEqual(0))
                .as((fp, k, r, ps, t, length) -> new Checkpoint(Checkpoint.FORMAT_VERSION, fp,
                        Path.of("/data/" + fp + ".mp4"), length, t.toEpochMilli() - 5,
                        new StorageTarget(URI.create("https://oss-cn-shanghai.aliyuncs.com"), "bucket", k, r),
                        "UPLOAD" + fp, 102_400L, ps, t));
    }
}
