package io.vodupload.adapters.jdbc;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.testkit.contract.CheckpointStoreContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The checkpoint contract on a real PostgreSQL 14: one database shared by every test of the class. */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcCheckpointStorePostgresContractTest extends CheckpointStoreContract {

    private static String url;
    private static JdbcCheckpointStore store;

    @BeforeAll
    static void database() {
        url = EmbeddedPostgresExtension.newDatabaseUrl();
        store = new JdbcCheckpointStore(JdbcDatabase.open(url));
    }

    @Override
    protected CheckpointStore store() {
        return store;
    }

    @Override
    protected void damage(String fingerprint) throws Exception {
        // a part the Checkpoint record refuses: part number 0
        new RawSql(url).execute("UPDATE vodupload_checkpoint_part SET part_number = 0 WHERE fingerprint = '"
                + fingerprint + "' AND part_number = 1");
    }

    @Override
    protected String storedText() throws Exception {
        return new RawSql(url).dump();
    }
}
