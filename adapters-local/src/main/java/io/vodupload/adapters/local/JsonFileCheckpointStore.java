package io.vodupload.adapters.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A {@link CheckpointStore} that keeps one JSON file per unfinished upload, {@code <fingerprint>.json},
 * in one directory.
 *
 * <p><b>Durability:</b> {@link #save} writes a temp file in the same directory, forces it to disk,
 * renames it over the checkpoint in one atomic step and then forces the directory, so a reader (in this
 * process or another) and a crash at any moment see either the old or the new checkpoint, never a torn
 * file. Temp files left behind by a process that died are ignored and deleted.
 *
 * <p><b>Permissions:</b> on POSIX file systems the directory is created {@code 0700} when missing and
 * every checkpoint file is {@code 0600}; a checkpoint holds no secret, but it names the user's files and
 * upload ids, which are nobody else's business. An existing directory's permissions are left as they are.
 *
 * <p><b>Format:</b> a JSON object with a {@code formatVersion} (currently {@value Checkpoint#FORMAT_VERSION}),
 * the file, the target (endpoint, bucket, key, region), the upload id, the part size, the finished parts
 * and the time it was written. There is no field for a credential.
 *
 * <p><b>Damage:</b> a checkpoint file that cannot be read (not JSON, truncated, wrong field types, an
 * unknown format version, a fingerprint that is not the one in its name, a part outside the file, an
 * I/O error) is reported once as a {@link System.Logger.Level#WARNING} naming the file (never its
 * contents) — or to the warning listener given to the constructor — deleted, and treated as absent. {@link #find} and {@link #list} never throw for damage.
 *
 * <p><b>Locking:</b> {@link #tryLock} takes an exclusive {@link FileChannel#tryLock() file lock} on
 * {@code <fingerprint>.lock} beside the checkpoint and writes the owner's description into it, so a second
 * process is refused at once with a {@link CheckpointInUseException} naming the first ({@code host pid}).
 * The operating system releases the lock when the process ends, however it ends (a lock file left behind
 * by a killed process locks nothing); {@link Lease#close} deletes the file and releases it. A second
 * lease on the same fingerprint inside one process is refused too.
 *
 * <p><b>Threading:</b> thread-safe. Calls for one fingerprint are serialised in arrival order, so of
 * several concurrent {@link #save}s the one that arrives last is the one stored. Separate processes may
 * share a directory; their writes never tear each other's files, but nothing orders them.
 *
 * <p>Nothing is touched on disk until the first call. Arguments must not be null
 * ({@link NullPointerException}); a fingerprint that is not 16..128 lower-case hex digits is an
 * {@link IllegalArgumentException}. {@link #save} and {@link #remove} throw {@link UncheckedIOException}
 * when they cannot write.
 */
public final class JsonFileCheckpointStore implements CheckpointStore {

    private static final System.Logger LOG = System.getLogger(JsonFileCheckpointStore.class.getName());
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16,128}");
    private static final String SUFFIX = ".json";
    private static final String LOCK_SUFFIX = ".lock";
    private static final int STRIPES = 64;

    private final Path directory;
    /** Fair, so that waiting saves of one fingerprint are stored in the order they arrived. */
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Files already reported as damaged whose deletion failed: reported once, not on every look-up. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean swept = new AtomicBoolean();
    /** Where damage is reported; null: the logger. */
    private final Consumer<String> warnings;

    /**
     * A store that reports damage through {@link System.Logger} ({@link System.Logger.Level#WARNING}).
     *
     * @param directory where the checkpoint files live; created (owner-only) by the first {@link #save}
     */
    public JsonFileCheckpointStore(Path directory) {
        this(directory, null);
    }

    /**
     * A store that reports damage to {@code warnings} instead of the logger: one line per discarded
     * checkpoint, naming the file and the reason, never its contents (a command-line tool prints it).
     *
     * @param directory where the checkpoint files live; created (owner-only) by the first {@link #save}
     * @param warnings  receives each warning line; called on the caller's thread, must not throw
     */
    public JsonFileCheckpointStore(Path directory, Consumer<String> warnings) {
        this.warnings = warnings;
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    /** The directory the checkpoint files live in (absolute). */
    public Path directory() {
        return directory;
    }

    @Override
    public Optional<Checkpoint> find(String fingerprint) {
        checkFingerprint(fingerprint);
        sweepOnce();
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try {
            return read(fingerprint);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (checkpoint.formatVersion() != Checkpoint.FORMAT_VERSION) {
            throw new IllegalArgumentException("cannot write checkpoint format version "
                    + checkpoint.formatVersion() + " (this store writes " + Checkpoint.FORMAT_VERSION + ")");
        }
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(CheckpointFile.from(checkpoint));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode checkpoint " + checkpoint.fingerprint(), e);
        }
        String fingerprint = checkpoint.fingerprint();
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try {
            AtomicFiles.createDirectories(directory, true);
            sweepOnce();
            AtomicFiles.replace(fileOf(fingerprint), json, true);
            reported.remove(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + fileOf(fingerprint), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(String fingerprint) {
        checkFingerprint(fingerprint);
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try {
            if (Files.deleteIfExists(fileOf(fingerprint))) {
                AtomicFiles.fsyncDirectory(directory);
            }
            reported.remove(fingerprint);
        } catch (NoSuchFileException e) {
            // the directory itself is missing: nothing to remove
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove checkpoint " + fileOf(fingerprint), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Checkpoint> list() {
        sweepOnce();
        List<String> fingerprints = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String stem = name.substring(0, name.length() - SUFFIX.length());
                if (FINGERPRINT.matcher(stem).matches()) {
                    fingerprints.add(stem);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            warn("cannot list checkpoint directory " + directory + " (" + e.getClass().getSimpleName()
                    + "); no checkpoint is listed");
            return List.of();
        }
        List<Checkpoint> result = new ArrayList<>(fingerprints.size());
        for (String fingerprint : fingerprints) {
            find(fingerprint).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    @Override
    public Lease tryLock(String fingerprint, String owner) {
        checkFingerprint(fingerprint);
        Objects.requireNonNull(owner, "owner");
        Path file = directory.resolve(fingerprint + LOCK_SUFFIX);
        try {
            AtomicFiles.createDirectories(directory, true);
            // a holder deletes the file before it releases the lock: a lock won on a deleted file is retried
            for (int attempt = 0; attempt < 10; attempt++) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                Object opened = keyOf(file);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this process
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (lock == null) {
                    String holder = holderOf(channel);
                    channel.close();
                    throw new CheckpointInUseException(fingerprint, holder);
                }
                Object locked = keyOf(file);
                if (locked == null || !locked.equals(opened)) {
                    channel.close(); // releases the lock on the deleted file
                    continue;
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
                return new FileLease(file, channel);
            }
            throw new IOException("the lock file " + file + " keeps being replaced");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock checkpoint " + fileOf(fingerprint), e);
        }
    }

    /** The owner line the holder wrote, or a neutral phrase when there is none yet. */
    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            int newline = text.indexOf('\n');
            String line = newline < 0 ? text : text.substring(0, newline);
            return line.isEmpty() ? "another process" : Errors.printable(line);
        } catch (IOException | RuntimeException e) {
            return "another process";
        }
    }

    /** The file's identity (inode) as its path shows it now; null when it is gone or has none. */
    private static Object keyOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** A held lock file: closing deletes it first, then releases the lock. */
    private static final class FileLease implements Lease {
        private final Path file;
        private final FileChannel channel;
        private final AtomicBoolean closed = new AtomicBoolean();

        FileLease(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                // an unlocked lock file locks nothing; the next holder reuses it
            }
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock even when it reports an error
            }
        }

        @Override
        public String toString() {
            return "FileLease[" + file + "]";
        }
    }

    @Override
    public String toString() {
        return "JsonFileCheckpointStore[" + directory + "]";
    }

    /** Reads one checkpoint; the caller holds its lock. Damage is reported, discarded and read as absent. */
    private Optional<Checkpoint> read(String fingerprint) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty(); // missing, or a path under a regular file: it holds no checkpoint
        }
        Path file = fileOf(fingerprint);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return discard(fingerprint, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return discard(fingerprint, "is not well-formed JSON (garbage or truncated)");
        }
        if (tree == null || !tree.isObject()) {
            return discard(fingerprint, "is not a JSON object");
        }
        JsonNode version = tree.get("formatVersion");
        if (version == null || !version.isInt()) {
            return discard(fingerprint, "has no integer formatVersion");
        }
        if (version.intValue() != Checkpoint.FORMAT_VERSION) {
            return discard(fingerprint, "has unknown format version " + version.intValue()
                    + " (this version reads " + Checkpoint.FORMAT_VERSION + ")");
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Json.mapper().treeToValue(tree, CheckpointFile.class).toCheckpoint();
        } catch (IOException e) {
            return discard(fingerprint, "has a missing, unknown or wrongly typed field");
        } catch (RuntimeException e) {
            return discard(fingerprint, "has an invalid field value");
        }
        if (!checkpoint.fingerprint().equals(fingerprint)) {
            return discard(fingerprint, "holds another upload's fingerprint");
        }
        if (checkpoint.partOutsideFile().isPresent()) {
            return discard(fingerprint, "has a part outside the file (offset and size beyond its length)");
        }
        return Optional.of(checkpoint);
    }

    private Optional<Checkpoint> discard(String fingerprint, String reason) {
        Path file = fileOf(fingerprint);
        // the reason is a fixed phrase: never a parser message, which could quote the file's contents
        boolean deleted;
        try {
            Files.deleteIfExists(file);
            deleted = true;
        } catch (IOException | RuntimeException e) {
            deleted = false;
        }
        if (deleted) {
            reported.remove(fingerprint);
            warn("discarded checkpoint " + file + ": it " + reason + "; the upload starts afresh");
        } else if (reported.add(fingerprint)) {
            warn("ignoring checkpoint " + file + ": it " + reason + ", and it could not be deleted;"
                    + " the upload starts afresh");
        }
        return Optional.empty();
    }

    private void warn(String line) {
        if (warnings != null) {
            warnings.accept(line);
        } else {
            LOG.log(System.Logger.Level.WARNING, line);
        }
    }

    private void sweepOnce() {
        if (swept.compareAndSet(false, true)) {
            AtomicFiles.sweepLeftoverTemps(directory);
        }
    }

    private Path fileOf(String fingerprint) {
        return directory.resolve(fingerprint + SUFFIX);
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
