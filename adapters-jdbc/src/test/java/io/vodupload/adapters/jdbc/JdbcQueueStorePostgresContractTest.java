package io.vodupload.adapters.jdbc;

import io.vodupload.ports.QueueStore;
import io.vodupload.testkit.contract.QueueStoreContract;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue store contract on a real PostgreSQL 14: one database shared by every test of the class. */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcQueueStorePostgresContractTest extends QueueStoreContract {

    private static String url;
    private static JdbcQueueStore store;

    @BeforeAll
    static void database() {
        url = EmbeddedPostgresExtension.newDatabaseUrl();
        store = new JdbcQueueStore(JdbcDatabase.open(url), "contract");
    }

    @Override
    protected QueueStore store() {
        return store;
    }

    @Override
    protected String storedText() throws Exception {
        return new RawSql(url).dump(List.of(JdbcQueueStore.FILE_TABLE, JdbcQueueStore.ENTRY_TABLE,
                "vodupload_schema_version"));
    }
}
