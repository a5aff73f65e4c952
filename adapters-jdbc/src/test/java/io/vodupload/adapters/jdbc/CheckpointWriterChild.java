package io.vodupload.adapters.jdbc;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.StorageTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate process writing checkpoints into a shared database: says {@code ready}, waits for {@code go}
 * on standard input, then saves {@code count} growing checkpoints under its own fingerprint and as many
 * under the shared one, and says {@code done}.
 *
 * <p>Arguments: the JDBC URL, the writer's number (1..), the number of saves.
 */
public final class CheckpointWriterChild {

    /** The fingerprint every writer saves to. */
    static final String SHARED = "ffffffffffffffffffffffffffffffff";

    private CheckpointWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int writer = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        JdbcCheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open(url));
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(in.readLine())) {
            System.exit(2);
        }
        write(store, writer, count);
        System.out.println("done");
        System.out.flush();
    }

    /** What each writer (a child or the test itself) does. */
    static void write(JdbcCheckpointStore store, int writer, int count) {
        for (int n = 1; n <= count; n++) {
            store.save(checkpoint(own(writer), writer, n));
            store.save(checkpoint(SHARED, writer, n));
        }
    }

    /** The fingerprint writer {@code writer} owns. */
    static String own(int writer) {
        return String.format("%032x", writer);
    }

    /** The checkpoint writer {@code writer} saves the {@code n}th time under {@code fingerprint}. */
    static Checkpoint checkpoint(String fingerprint, int writer, int n) {
        List<CheckpointPart> parts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            parts.add(new CheckpointPart(i, (i - 1) * 1024L, 1024L, "W" + writer + "P" + i, writer * 1000L + i));
        }
        return new Checkpoint(Checkpoint.FORMAT_VERSION, fingerprint, Path.of("/w" + writer), 1L << 30, writer,
                StorageTarget.of("https://h", "b", "k" + writer), "U" + writer, 1024L, parts,
                Instant.EPOCH.plusSeconds(n));
    }
}
