package io.vodupload.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Checkpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several processes share one SQLite file: WAL and the busy timeout make their writes queue, not fail. */
class SqliteProcessesTest {

    private static final int CHILDREN = 2;
    private static final int SAVES = 15;

    @TempDir
    Path temp;

    @Test
    void save_fromSeveralProcessesAtOnce_everyWriteLandsWhole() throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("shared.db");
        JdbcCheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open(url));
        store.list(); // the schema exists before the children race on it
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int writer = 1; writer <= CHILDREN; writer++) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), CheckpointWriterChild.class.getName(), url,
                        Integer.toString(writer), Integer.toString(SAVES))
                        .redirectError(temp.resolve("child-" + writer + ".err").toFile()).start();
                children.add(child);
                outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outputs) {
                assertThat(out.readLine()).isEqualTo("ready");
            }
            for (Process child : children) {
                try (OutputStream in = child.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            CheckpointWriterChild.write(store, CHILDREN + 1, SAVES);
            for (int i = 0; i < CHILDREN; i++) {
                assertThat(outputs.get(i).readLine()).as("child %d (stderr in %s)", i + 1,
                        Files.exists(temp.resolve("child-" + (i + 1) + ".err"))
                                ? Files.readString(temp.resolve("child-" + (i + 1) + ".err")) : "").isEqualTo("done");
                assertThat(children.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(children.get(i).exitValue()).isZero();
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }

        for (int writer = 1; writer <= CHILDREN + 1; writer++) {
            assertThat(store.find(CheckpointWriterChild.own(writer)))
                    .contains(CheckpointWriterChild.checkpoint(CheckpointWriterChild.own(writer), writer, SAVES));
        }
        Checkpoint shared = store.find(CheckpointWriterChild.SHARED).orElseThrow();
        List<Checkpoint> written = new ArrayList<>();
        for (int writer = 1; writer <= CHILDREN + 1; writer++) {
            for (int n = 1; n <= SAVES; n++) {
                written.add(CheckpointWriterChild.checkpoint(CheckpointWriterChild.SHARED, writer, n));
            }
        }
        assertThat(written).contains(shared);
        assertThat(store.list()).hasSize(CHILDREN + 2);
    }
}
