package io.vodupload.adapters.jdbc;

import io.vodupload.adapters.jdbc.CheckpointRows.Stored;
import io.vodupload.adapters.jdbc.CheckpointRows.StoredPart;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link CheckpointStore} in a relational database (SQLite or PostgreSQL, see {@link JdbcDatabase}):
 * one row per unfinished upload in {@code vodupload_checkpoint} and one per finished part in
 * {@code vodupload_checkpoint_part}. Workers that share the database see each other's checkpoints, so
 * the worker that takes over a file resumes from the parts another one stored.
 *
 * <pre>{@code
 * CheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open("jdbc:sqlite:" + dir.resolve("state.db")));
 * }</pre>
 *
 * <p><b>Durability:</b> {@link #save} is one transaction (upsert the checkpoint row, then add, change or
 * drop only the part rows that differ), so a reader in any process and a crash at any moment see the old
 * or the new checkpoint, never a mix. Reads are single statements, consistent on both databases.
 *
 * <p><b>Damage:</b> a stored checkpoint that cannot be read back (an unknown format version, a value the
 * {@link Checkpoint} record refuses) is reported once as a {@link System.Logger.Level#WARNING} naming the
 * fingerprint (never the values), deleted, and treated as absent. {@link #find} and {@link #list} never
 * throw for damage.
 *
 * <p><b>Locking:</b> {@link #tryLock} inserts a lease row in {@code vodupload_checkpoint_lease} (the owner's
 * description, a random token, an expiry); the primary key lets exactly one worker in, and another is
 * refused at once with a {@link CheckpointInUseException} naming the holder. A lease lasts
 * {@link #DEFAULT_LEASE} (or the duration given) after it was taken or its checkpoint last saved through
 * this store, whichever is later; a worker that dies without closing its lease leaves it until it expires,
 * after which the next worker takes it over. {@link Lease#close} deletes the row (only its own, by token).
 *
 * <p><b>Threading:</b> thread-safe. Within one store, calls for one fingerprint are serialised in arrival
 * order, so of several concurrent {@link #save}s the one that arrives last is stored. Across stores and
 * processes the database's row lock orders them.
 *
 * <p>Arguments must not be null ({@link NullPointerException}); a fingerprint that is not 16..128
 * lower-case hex digits is an {@link IllegalArgumentException}. Every method throws
 * {@link java.io.UncheckedIOException} when the database cannot be reached, read or written; its message
 * names the database with the password redacted.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private static final System.Logger LOG = System.getLogger(JdbcCheckpointStore.class.getName());
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16,128}");
    private static final int STRIPES = 64;
    private static final String LEASE_TABLE = "vodupload_checkpoint_lease";

    private final JdbcDatabase database;
    /** Fair, so that waiting saves of one fingerprint are stored in the order they arrived. */
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Damaged checkpoints whose deletion failed: reported once, not on every look-up. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration lease;
    /** The tokens of the leases this store holds, by fingerprint: a save renews them. */
    private final Map<String, String> held = new ConcurrentHashMap<>();

    /** How long a lease lasts after it was taken or its checkpoint last saved, unless given otherwise. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    /** A store in {@code database} with the system clock and {@link #DEFAULT_LEASE}; nothing is connected to until the first call. */
    public JdbcCheckpointStore(JdbcDatabase database) {
        this(database, Clock.systemUTC(), DEFAULT_LEASE);
    }

    /**
     * A store in {@code database} whose leases last {@code lease} by {@code clock}; choose a lease longer
     * than the slowest part takes to upload, since saving a part renews it.
     */
    public JdbcCheckpointStore(JdbcDatabase database, Clock clock, Duration lease) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease is not positive: " + lease);
        }
        this.database = Objects.requireNonNull(database, "database");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    @Override
    public Optional<Checkpoint> find(String fingerprint) {
        checkFingerprint(fingerprint);
        List<Stored> stored;
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     CheckpointRows.SELECT + "WHERE c.fingerprint = ? ORDER BY p.part_number")) {
            select.setString(1, fingerprint);
            try (ResultSet rows = select.executeQuery()) {
                stored = CheckpointRows.read(rows);
            }
        } catch (SQLException e) {
            throw database.failure("cannot read checkpoint " + fingerprint, e);
        }
        return stored.isEmpty() ? Optional.empty() : readable(stored.get(0));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (checkpoint.formatVersion() != Checkpoint.FORMAT_VERSION) {
            throw new IllegalArgumentException("cannot write checkpoint format version "
                    + checkpoint.formatVersion() + " (this store writes " + Checkpoint.FORMAT_VERSION + ")");
        }
        String fingerprint = checkpoint.fingerprint();
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try (Connection connection = database.connection()) {
            inTransaction(connection, () -> {
                write(connection, checkpoint);
                renew(connection, fingerprint);
            });
            reported.remove(fingerprint);
        } catch (SQLException e) {
            throw database.failure("cannot save checkpoint " + fingerprint, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(String fingerprint) {
        checkFingerprint(fingerprint);
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try (Connection connection = database.connection()) {
            inTransaction(connection, () -> {
                delete(connection, "DELETE FROM " + CheckpointRows.PART_TABLE + " WHERE fingerprint = ?", fingerprint);
                delete(connection, "DELETE FROM " + CheckpointRows.CHECKPOINT_TABLE + " WHERE fingerprint = ?",
                        fingerprint);
            });
            reported.remove(fingerprint);
        } catch (SQLException e) {
            throw database.failure("cannot remove checkpoint " + fingerprint, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Checkpoint> list() {
        List<Stored> stored;
        try (Connection connection = database.connection();
             PreparedStatement select = connection.prepareStatement(
                     CheckpointRows.SELECT + "ORDER BY c.fingerprint, p.part_number");
             ResultSet rows = select.executeQuery()) {
            stored = CheckpointRows.read(rows);
        } catch (SQLException e) {
            throw database.failure("cannot list checkpoints", e);
        }
        List<Checkpoint> result = new ArrayList<>(stored.size());
        for (Stored s : stored) {
            readable(s).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    @Override
    public Lease tryLock(String fingerprint, String owner) {
        checkFingerprint(fingerprint);
        Objects.requireNonNull(owner, "owner");
        String token = UUID.randomUUID().toString();
        try (Connection connection = database.connection()) {
            try {
                inTransaction(connection, () -> {
                    try (PreparedStatement expired = connection.prepareStatement("DELETE FROM " + LEASE_TABLE
                            + " WHERE fingerprint = ? AND expires_at < ?")) {
                        expired.setString(1, fingerprint);
                        expired.setLong(2, clock.millis());
                        expired.executeUpdate();
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + LEASE_TABLE
                            + " (fingerprint, owner, token, expires_at) VALUES (?, ?, ?, ?)")) {
                        insert.setString(1, fingerprint);
                        insert.setString(2, owner);
                        insert.setString(3, token);
                        insert.setLong(4, expiry());
                        insert.executeUpdate();
                    }
                });
            } catch (SQLException refused) {
                // most likely the primary key: someone holds it; anything else is a failure to report
                Optional<String> holder = holder(connection, fingerprint);
                if (holder.isPresent()) {
                    throw new CheckpointInUseException(fingerprint, holder.get());
                }
                throw refused;
            }
        } catch (SQLException e) {
            throw database.failure("cannot lock checkpoint " + fingerprint, e);
        }
        held.put(fingerprint, token);
        return new RowLease(fingerprint, token);
    }

    private Optional<String> holder(Connection connection, String fingerprint) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement select = connection.prepareStatement("SELECT owner FROM " + LEASE_TABLE
                + " WHERE fingerprint = ? AND expires_at >= ?")) {
            select.setString(1, fingerprint);
            select.setLong(2, clock.millis());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1).strip().replaceAll("\\p{Cntrl}", "?"))
                        : Optional.empty();
            }
        }
    }

    /** Pushes the expiry of this store's lease on {@code fingerprint}, if it holds one. */
    private void renew(Connection connection, String fingerprint) throws SQLException {
        String token = held.get(fingerprint);
        if (token == null) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + LEASE_TABLE
                + " SET expires_at = ? WHERE fingerprint = ? AND token = ?")) {
            update.setLong(1, expiry());
            update.setString(2, fingerprint);
            update.setString(3, token);
            update.executeUpdate();
        }
    }

    private long expiry() {
        return clock.millis() + lease.toMillis();
    }

    /** A lease row: closing deletes it, if it is still this lease's. */
    private final class RowLease implements Lease {
        private final String fingerprint;
        private final String token;
        private final AtomicBoolean closed = new AtomicBoolean();

        RowLease(String fingerprint, String token) {
            this.fingerprint = fingerprint;
            this.token = token;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            held.remove(fingerprint, token);
            try (Connection connection = database.connection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM " + LEASE_TABLE
                         + " WHERE fingerprint = ? AND token = ?")) {
                delete.setString(1, fingerprint);
                delete.setString(2, token);
                delete.executeUpdate();
            } catch (SQLException | RuntimeException e) {
                // the lease expires by itself
                LOG.log(System.Logger.Level.WARNING, "Could not release the lease on checkpoint {0} in {1} ({2});"
                        + " it expires by itself", fingerprint, database.description(), e.getClass().getSimpleName());
            }
        }
    }

    /** The database this store keeps its rows in. */
    public JdbcDatabase database() {
        return database;
    }

    @Override
    public String toString() {
        return "JdbcCheckpointStore[" + database.description() + "]";
    }

    /** Upserts the checkpoint row, then brings its part rows in line: only the parts that differ are written. */
    private static void write(Connection connection, Checkpoint checkpoint) throws SQLException {
        String fingerprint = checkpoint.fingerprint();
        // the upsert comes first: it takes the row's write lock, so a concurrent save of the same
        // checkpoint in another process waits here and then reads the parts this one committed
        try (PreparedStatement upsert = connection.prepareStatement(CheckpointRows.UPSERT)) {
            CheckpointRows.bind(upsert, checkpoint);
            upsert.executeUpdate();
        }
        Map<Integer, StoredPart> existing = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT part_number, part_offset, part_size, etag, "
                + "crc64 FROM " + CheckpointRows.PART_TABLE + " WHERE fingerprint = ?")) {
            select.setString(1, fingerprint);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StoredPart p = new StoredPart(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                            rows.getLong(5));
                    existing.put(p.partNumber(), p);
                }
            }
        }
        List<StoredPart> toInsert = new ArrayList<>();
        Map<Integer, StoredPart> stale = new HashMap<>(existing);
        for (CheckpointPart part : checkpoint.parts()) {
            StoredPart wanted = StoredPart.of(part);
            if (wanted.equals(existing.get(part.partNumber()))) {
                stale.remove(part.partNumber());
            } else {
                toInsert.add(wanted);
            }
        }
        if (!stale.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + CheckpointRows.PART_TABLE + " WHERE fingerprint = ? AND part_number = ?")) {
                for (int partNumber : stale.keySet()) {
                    delete.setString(1, fingerprint);
                    delete.setInt(2, partNumber);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        if (!toInsert.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + CheckpointRows.PART_TABLE
                    + " (fingerprint, part_number, part_offset, part_size, etag, crc64) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (StoredPart p : toInsert) {
                    insert.setString(1, fingerprint);
                    insert.setInt(2, p.partNumber());
                    insert.setLong(3, p.offset());
                    insert.setLong(4, p.size());
                    insert.setString(5, p.etag());
                    insert.setLong(6, p.crc64());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** The checkpoint {@code stored} describes, or empty after discarding it as damaged. */
    private Optional<Checkpoint> readable(Stored stored) {
        if (stored.formatVersion() != Checkpoint.FORMAT_VERSION) {
            return discard(stored, "has unknown format version " + stored.formatVersion()
                    + " (this version reads " + Checkpoint.FORMAT_VERSION + ")");
        }
        try {
            Checkpoint checkpoint = stored.toCheckpoint();
            if (checkpoint.partOutsideFile().isPresent()) {
                return discard(stored, "has a part outside the file (offset and size beyond its length)");
            }
            return Optional.of(checkpoint);
        } catch (RuntimeException e) {
            // a fixed phrase and the exception's type: never its message, which could quote the stored values
            return discard(stored, "has an invalid value (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Deletes a damaged checkpoint, unless it was replaced since it was read (its {@code updated_at} is
     * the version that was judged), and reports it once.
     */
    private Optional<Checkpoint> discard(Stored stored, String reason) {
        String fingerprint = stored.fingerprint();
        boolean deleted;
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try (Connection connection = database.connection()) {
            inTransaction(connection, () -> {
                String unchanged = " WHERE fingerprint = ? AND EXISTS (SELECT 1 FROM " + CheckpointRows.CHECKPOINT_TABLE
                        + " c WHERE c.fingerprint = ? AND c.updated_at = ?)";
                try (PreparedStatement parts = connection.prepareStatement(
                        "DELETE FROM " + CheckpointRows.PART_TABLE + unchanged)) {
                    parts.setString(1, fingerprint);
                    parts.setString(2, fingerprint);
                    parts.setString(3, stored.updatedAt());
                    parts.executeUpdate();
                }
                try (PreparedStatement row = connection.prepareStatement("DELETE FROM "
                        + CheckpointRows.CHECKPOINT_TABLE + " WHERE fingerprint = ? AND updated_at = ?")) {
                    row.setString(1, fingerprint);
                    row.setString(2, stored.updatedAt());
                    row.executeUpdate();
                }
            });
            deleted = true;
        } catch (SQLException | RuntimeException e) {
            deleted = false;
        } finally {
            lock.unlock();
        }
        if (deleted) {
            reported.remove(fingerprint);
            LOG.log(System.Logger.Level.WARNING, "Discarded checkpoint {0} in {1}: it {2}; the upload starts afresh",
                    fingerprint, database.description(), reason);
        } else if (reported.add(fingerprint)) {
            LOG.log(System.Logger.Level.WARNING,
                    "Ignoring checkpoint {0} in {1}: it {2}, and it could not be deleted; the upload starts afresh",
                    fingerprint, database.description(), reason);
        }
        return Optional.empty();
    }

    /** Work done inside one transaction on {@code connection}. */
    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            JdbcDatabase.rollbackQuietly(connection);
            throw e;
        }
    }

    private static void delete(Connection connection, String sql, String fingerprint) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, fingerprint);
            delete.executeUpdate();
        }
    }

    private ReentrantLock lockFor(String fingerprint) {
        return locks[Math.floorMod(fingerprint.hashCode(), STRIPES)];
    }

    private static void checkFingerprint(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("fingerprint is not 16..128 lower-case hex digits: " + fingerprint);
        }
    }
}
