package io.vodupload.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.StorageTarget;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryCheckpointStoreTest {

    private static Checkpoint checkpoint(String fingerprint, int parts) {
        List<CheckpointPart> done = new java.util.ArrayList<>();
        for (int n = 1; n <= parts; n++) {
            done.add(new CheckpointPart(n, (n - 1) * 1000L, 1000, "E" + n, n));
        }
        return new Checkpoint(Checkpoint.FORMAT_VERSION, fingerprint, Path.of("/tmp/f"), 5000, 1,
                StorageTarget.of("h", "b", "k"), "U1", 1000, done, Instant.EPOCH);
    }

    @Test
    void saveFindRemove_recordsHistoryAndReplaces() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();

        store.save(checkpoint("00000000000000aa", 1));
        store.save(checkpoint("00000000000000aa", 2));
        store.remove("00000000000000bb");

        assertThat(store.find("00000000000000aa")).get().extracting(c -> c.parts().size()).isEqualTo(2);
        assertThat(store.saves()).hasSize(2);
        assertThat(store.removes()).containsExactly("00000000000000bb");
        assertThat(store.list()).hasSize(1);
        store.remove("00000000000000aa");
        assertThat(store.find("00000000000000aa")).isEmpty();
    }

    @Test
    void failWrites_saveThrowsUncheckedIo() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        store.failWrites(true);

        assertThatThrownBy(() -> store.save(checkpoint("00000000000000aa", 1))).isInstanceOf(UncheckedIOException.class);
        assertThat(store.list()).isEmpty();
    }
}
