/**
 * Durable state in a relational database over plain JDBC: {@link io.vodupload.adapters.jdbc.JdbcDatabase}
 * (connections, dialect, schema migration on first use), {@link io.vodupload.adapters.jdbc.JdbcCheckpointStore}
 * (the {@link io.vodupload.ports.CheckpointStore} port on SQLite or PostgreSQL),
 * {@link io.vodupload.adapters.jdbc.JdbcQueueStore} (the {@link io.vodupload.ports.QueueStore} port: a library
 * upload queue's state, several named queues per database) and
 * {@link io.vodupload.adapters.jdbc.JdbcUrls} (a JDBC URL with its password hidden, for messages).
 *
 * <p>The code uses {@code java.sql} and {@code javax.sql} only; the SQLite and PostgreSQL drivers are
 * found at run time by {@link java.sql.DriverManager}.
 */
package io.vodupload.adapters.jdbc;
