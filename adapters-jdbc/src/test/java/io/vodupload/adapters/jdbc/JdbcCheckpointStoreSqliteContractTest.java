package io.vodupload.adapters.jdbc;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.testkit.contract.CheckpointStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint contract on SQLite: a file in a temporary directory (which the store creates). */
class JdbcCheckpointStoreSqliteContractTest extends CheckpointStoreContract {

    @TempDir
    Path temp;

    private JdbcCheckpointStore store;

    private String url() {
        return "jdbc:sqlite:" + temp.resolve("state").resolve("vodupload.db");
    }

    @Override
    protected CheckpointStore store() {
        if (store == null) {
            store = new JdbcCheckpointStore(JdbcDatabase.open(url()));
        }
        return store;
    }

    @Override
    protected void damage(String fingerprint) throws Exception {
        new RawSql(url()).execute("UPDATE vodupload_checkpoint SET format_version = 99 WHERE fingerprint = '"
                + fingerprint + "'");
    }

    @Override
    protected String storedText() throws Exception {
        return new RawSql(url()).dump();
    }
}
