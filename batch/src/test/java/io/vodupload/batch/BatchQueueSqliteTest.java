package io.vodupload.batch;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The queue on SQLite: a file in a temporary directory. */
class BatchQueueSqliteTest extends BatchQueueContract {

    @TempDir
    Path temp;

    @Override
    String newUrl() {
        return "jdbc:sqlite:" + temp.resolve("queue").resolve("batches.db");
    }
}
