package io.vodupload.adapters.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
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
 * unknown format version, a fingerprint that is not the one in its name, an I/O error) is reported once
 * as a {@link System.Logger.Level#WARNING} naming the file (never its contents), deleted, and treated as
 * absent. {@link #find} and {@link #list} never throw for damage.
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
    private static final int STRIPES = 64;

    private final Path directory;
    private final ObjectMapper mapper = Json.mapper();
    /** Fair, so that waiting saves of one fingerprint are stored in the order they arrived. */
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Files already reported as damaged whose deletion failed: reported once, not on every look-up. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean swept = new AtomicBoolean();

    /**
     * @param directory where the checkpoint files live; created (owner-only) by the first {@link #save}
     */
    public JsonFileCheckpointStore(Path directory) {
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
            json = mapper.writeValueAsBytes(CheckpointFile.from(checkpoint));
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
            LOG.log(System.Logger.Level.WARNING, "Cannot list checkpoint directory {0} ({1}); no checkpoint is listed",
                    directory, e.getClass().getSimpleName());
            return List.of();
        }
        List<Checkpoint> result = new ArrayList<>(fingerprints.size());
        for (String fingerprint : fingerprints) {
            find(fingerprint).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    @Override
    public String toString() {
        return "JsonFileCheckpointStore[" + directory + "]";
    }

    /** Reads one checkpoint; the caller holds its lock. Damage is reported, discarded and read as absent. */
    private Optional<Checkpoint> read(String fingerprint) {
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
            tree = mapper.readTree(bytes);
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
            checkpoint = mapper.treeToValue(tree, CheckpointFile.class).toCheckpoint();
        } catch (IOException e) {
            return discard(fingerprint, "has a missing, unknown or wrongly typed field");
        } catch (RuntimeException e) {
            return discard(fingerprint, "has an invalid field value");
        }
        if (!checkpoint.fingerprint().equals(fingerprint)) {
            return discard(fingerprint, "holds another upload's fingerprint");
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
            LOG.log(System.Logger.Level.WARNING, "Discarded checkpoint {0}: it {1}; the upload starts afresh",
                    file, reason);
        } else if (reported.add(fingerprint)) {
            LOG.log(System.Logger.Level.WARNING,
                    "Ignoring checkpoint {0}: it {1}, and it could not be deleted; the upload starts afresh",
                    file, reason);
        }
        return Optional.empty();
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
