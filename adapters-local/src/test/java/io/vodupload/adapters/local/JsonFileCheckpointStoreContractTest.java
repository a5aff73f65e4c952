package io.vodupload.adapters.local;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.testkit.contract.CheckpointStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint contract against JSON files in a temporary directory. */
class JsonFileCheckpointStoreContractTest extends CheckpointStoreContract {

    @TempDir
    Path temp;

    private JsonFileCheckpointStore store;

    @Override
    protected CheckpointStore store() {
        if (store == null) {
            store = new JsonFileCheckpointStore(temp.resolve("checkpoints"));
        }
        return store;
    }

    @Override
    protected void damage(String fingerprint) throws Exception {
        // a torn write of an older, non-atomic version: half a JSON object
        Files.writeString(store.directory().resolve(fingerprint + ".json"), "{\"formatVersion\": 1, \"fing",
                StandardCharsets.UTF_8);
    }

    @Override
    protected String storedText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(store.directory())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(file.getFileName()).append('\n').append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
