package io.vodupload.adapters.jdbc;

import io.vodupload.ports.QueueStore;
import io.vodupload.testkit.contract.QueueStoreContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The queue store contract on SQLite: a file in a temporary directory (which the store creates). */
class JdbcQueueStoreSqliteContractTest extends QueueStoreContract {

    @TempDir
    Path temp;

    private JdbcQueueStore store;

    private String url() {
        return "jdbc:sqlite:" + temp.resolve("state").resolve("vodupload.db");
    }

    @Override
    protected QueueStore store() {
        if (store == null) {
            store = new JdbcQueueStore(JdbcDatabase.open(url()), "contract");
        }
        return store;
    }

    @Override
    protected String storedText() throws Exception {
        return new RawSql(url()).dump(List.of(JdbcQueueStore.FILE_TABLE, JdbcQueueStore.ENTRY_TABLE,
                "vodupload_schema_version"));
    }
}
