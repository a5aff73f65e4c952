package io.vodupload.batch;

import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.SqliteJdbcCustomization;
import io.vodupload.adapters.jdbc.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How files map to db-scheduler: one task name for every file, one task instance per file with an id
 * derived from its batch and key, and the polling queries narrowed to one batch when a worker asks for it.
 *
 * <p><b>Why not a task name per batch.</b> db-scheduler 16.12.0 selects due executions of every task name
 * and only learns to skip a name it cannot resolve after fetching one of its executions
 * ({@code TaskResolver.addUnresolved}, then {@code task_name not in (...)}); with lock-and-fetch it even
 * picks them and unpicks them again. Its housekeeping then deletes every execution of a name that stayed
 * unresolved for {@code deleteUnresolvedAfter} (14 days by default, counted from the execution's due time),
 * so a worker of one batch would delete another batch's waiting files. And a worker of every batch would
 * have to know each batch's name before it starts. So every file has the one name {@link #TASK_NAME}, and
 * a worker of one batch adds {@code substr(task_instance, 1, n) = '<batch>/'} to the polling query through
 * its {@link JdbcCustomization} (the extension point db-scheduler gives for the SQL it polls with).
 */
final class FileTasks {

    /** The task name of every file's execution. */
    static final String TASK_NAME = "vodupload-file";
    /** db-scheduler's table, under our name. */
    static final String TABLE = "vodupload_scheduled_tasks";

    private FileTasks() {
    }

    /** The task instance id of a file: {@code <batch>/<first 32 hex digits of SHA-256(key)>}, at most 97 characters. */
    static String instanceId(String batchId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return batchId + "/" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The condition that narrows a query on {@link #TABLE} to one batch; the id's alphabet needs no quoting. */
    static String batchCondition(String batchId) {
        String prefix = BatchIds.check(batchId) + "/";
        return " AND substr(task_instance, 1, " + prefix.length() + ") = '" + prefix + "' ";
    }

    /** The SQL db-scheduler polls with on {@code dialect}, narrowed to {@code onlyBatch} when given. */
    static JdbcCustomization customization(Dialect dialect, Optional<String> onlyBatch) {
        String condition = onlyBatch.map(FileTasks::batchCondition).orElse("");
        if (dialect == Dialect.SQLITE) {
            return new SqliteJdbcCustomization() {
                @Override
                public String createSelectDueQuery(String tableName, int limit, String andCondition,
                        boolean orderByPriority) {
                    return super.createSelectDueQuery(tableName, limit, andCondition + condition, orderByPriority);
                }
            };
        }
        // generic lock-and-fetch (SELECT ... FOR UPDATE SKIP LOCKED, then UPDATE, in one transaction): the
        // single-statement variant builds its SQL itself, without a condition we could add
        return new PostgreSqlJdbcCustomization(true, false) {
            @Override
            public String createSelectDueQuery(String tableName, int limit, String andCondition,
                    boolean orderByPriority) {
                return super.createSelectDueQuery(tableName, limit, andCondition + condition, orderByPriority);
            }

            @Override
            public String createGenericSelectForUpdateQuery(String tableName, int limit, String requiredAndCondition,
                    boolean orderByPriority) {
                return super.createGenericSelectForUpdateQuery(tableName, limit, requiredAndCondition + condition,
                        orderByPriority);
            }
        };
    }

    /** db-scheduler's clock over ours. */
    static com.github.kagkarlsson.scheduler.Clock clock(java.time.Clock clock) {
        return new com.github.kagkarlsson.scheduler.Clock() {
            @Override
            public Instant now() {
                return clock.instant();
            }
        };
    }
}
