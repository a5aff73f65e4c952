package io.vodupload.adapters.local;

import io.vodupload.osswire.ContentMd5;
import io.vodupload.osswire.RegionBody;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageArguments;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link ObjectStorage} on the local file system: object {@code key} of bucket {@code b} is the file
 * {@code <root>/b/key}, with each {@code /} of the key a directory level. It is the command-line tool's
 * embedded default store, and it behaves like OSS wherever the uploader can tell: the same multipart
 * rules, error codes, ETag forms and CRC-64 reports.
 *
 * <p><b>Targets.</b> A target's endpoint is this store's root as a {@code file:} URI ({@link #endpoint()});
 * a target whose endpoint is not a {@code file:} URI naming this root is refused ({@code InvalidEndpoint}).
 * The bucket is one directory directly under the root: letters, digits, {@code .}, {@code _} and
 * {@code -}, not starting with {@code .} (names starting with a dot are the store's own). Build targets
 * with {@link #target(String, String)}:
 * <pre>{@code
 * LocalObjectStorage store = LocalObjectStorage.open(Path.of("vodupload-store"));
 * StorageTarget target = store.target("videos", "2024/clip.mp4");   // vodupload-store/videos/2024/clip.mp4
 * }</pre>
 *
 * <p><b>Credentials</b> are required by the port's signatures, accepted and ignored: nothing is signed,
 * and nothing from them is stored.
 *
 * <p><b>Safety.</b> The store never writes outside its root. A bucket or key with a {@code ..} or
 * {@code .} segment, an empty segment, an absolute path, a NUL character, a segment that is not one
 * plain file name, or that resolves through a symbolic link to a place outside the root, is refused
 * with a {@code FATAL} {@link StorageException} ({@code InvalidBucketName} / {@code InvalidObjectName})
 * whose message names the bad value. A key cannot be both an object and a prefix of another key (a file
 * cannot be a directory): that is refused too ({@code ObjectPathConflict}).
 *
 * <p><b>Atomicity.</b> An object appears in one step: its bytes are written to a temp file inside the
 * root's hidden area {@code .vodupload/}, forced to disk, and renamed into place, so a reader sees the
 * old object, the new one, or none, never a partial one. Multipart parts are staged under
 * {@code .vodupload/uploads/<uploadId>/}; a part is replaced by atomically replacing its small JSON
 * record, so concurrent or repeated uploads of one part number leave exactly one version.
 *
 * <p><b>OSS semantics mirrored.</b> Part and PutObject ETags are the upper-case hex MD5 of the bytes; a
 * multipart object's ETag is {@code <MD5 of the parts' binary MD5s>-<part count>}. CRC-64s are reported
 * for every part and object; a multipart object's CRC is {@link Crc64#combine} of its parts' CRCs.
 * Complete checks ascending order ({@code InvalidPartOrder}), that every listed part exists with its
 * ETag ({@code InvalidPart}) and that every part but the last has at least 100 KiB
 * ({@code EntityTooSmall}); an unknown upload id (or one started for another bucket or key) is
 * {@code UPLOAD_GONE} ({@code NoSuchUpload}). Bodies over 5 GiB are {@code EntityTooLarge}. The metadata
 * header {@code x-oss-forbid-overwrite: true} refuses to replace an existing object
 * ({@code FileAlreadyExists}). Errors carry OSS's HTTP status but no request id.
 *
 * <p><b>Threading:</b> thread-safe; parts of one upload may be sent from many threads at once. One
 * process at a time should work on a given multipart upload; different processes may share a root.
 *
 * <p>Arguments must not be null ({@link NullPointerException}); a part number outside 1..10000 is an
 * {@link IllegalArgumentException}. Calls after {@link #close()} fail with {@code StorageClosed}.
 */
public final class LocalObjectStorage implements ObjectStorage {

    /** OSS's minimum size of every part but the last. */
    static final long MIN_PART_SIZE = 100 * 1024;
    /** OSS's maximum size of one part or PutObject body. */
    static final long MAX_BODY_SIZE = 5L * 1024 * 1024 * 1024;

    private static final String AREA = ".vodupload";
    private static final String UPLOAD_FILE = "upload.json";
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9A-F]{32}");
    private static final Pattern PART_FILE = Pattern.compile("part-(\\d{5})\\.json");
    private static final Pattern DATA_FILE = Pattern.compile("part-\\d{5}-[0-9A-F]{16}\\.data");
    /** The object being assembled: parts of the upload's stride written at their final offsets. */
    private static final String ASSEMBLY_FILE = "object.data";
    /** The upload's stride: the size of the parts written in {@link #ASSEMBLY_FILE}. */
    private static final String STRIDE_FILE = "stride.json";
    /** Parts beyond this offset are staged in their own files: no sparse file of many terabytes. */
    private static final long MAX_ASSEMBLY_OFFSET = 1L << 40;
    private static final int STRIPES = 64;
    private static final System.Logger LOG = System.getLogger(LocalObjectStorage.class.getName());

    /**
     * How long a multipart upload may stay untouched (no part recorded) before {@link #open} aborts it: 7
     * days, the usual OSS lifecycle rule for incomplete multipart uploads. A checkpoint that still names it
     * then finds it gone ({@code NoSuchUpload}) and its upload starts over.
     */
    public static final Duration ABANDONED_UPLOAD_AGE = Duration.ofDays(7);

    private final Path root;
    private final Path realRoot;
    private final Path uploads;
    private final Path tmp;
    private final Path objects;
    private final KeyPaths paths;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** {@code uploadId/partNumber} of the parts being written into their upload's assembly file now. */
    private final Set<String> assemblyWriters = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LocalObjectStorage(Path root, Path realRoot, Path area) {
        this.root = root;
        this.realRoot = realRoot;
        this.uploads = area.resolve("uploads");
        this.tmp = area.resolve("tmp");
        this.objects = area.resolve("objects");
        this.paths = new KeyPaths(root, realRoot);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Opens the store at {@code root}, creating the root (and missing parents) and its hidden area
     * {@code .vodupload/} when missing, and clearing what crashed processes left there (temp files,
     * half-created or half-removed uploads). Unfinished multipart uploads are kept.
     *
     * @throws UncheckedIOException when the root cannot be created or its hidden area lies outside it
     */
    public static LocalObjectStorage open(Path root) {
        return open(root, Clock.systemUTC());
    }

    /**
     * Opens the store at {@code root} like {@link #open(Path)}, reading the time from {@code clock}: a
     * multipart upload left untouched for {@link #ABANDONED_UPLOAD_AGE} is aborted when the store opens.
     *
     * @throws UncheckedIOException when the root cannot be created or its hidden area lies outside it
     */
    public static LocalObjectStorage open(Path root, Clock clock) {
        Path absolute = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(absolute);
            Path real = absolute.toRealPath();
            Path area = absolute.resolve(AREA);
            LocalObjectStorage store = new LocalObjectStorage(absolute, real, area);
            for (Path dir : List.of(area, store.uploads, store.tmp, store.objects)) {
                Files.createDirectories(dir);
                if (!dir.toRealPath().equals(real.resolve(absolute.relativize(dir)))) {
                    throw new FileSystemException(dir.toString(), null, "is a symbolic link or leads outside the"
                            + " store's root " + absolute + "; the store refuses to use it");
                }
            }
            store.sweep(clock.instant());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local store at " + absolute, e);
        }
    }

    /** The root directory (absolute, normalised, as given). */
    public Path root() {
        return root;
    }

    /** This store's endpoint: the root as a {@code file:} URI. */
    public URI endpoint() {
        return realRoot.toUri();
    }

    /** A target in this store: its {@link #endpoint()}, {@code bucket} and {@code key}, no region. */
    public StorageTarget target(String bucket, String key) {
        return new StorageTarget(endpoint(), bucket, key, Optional.empty());
    }

    @Override
    public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
        checkCall(target, credentials);
        Objects.requireNonNull(metadata, "metadata");
        checkNoConflict(paths.objectPath(target.bucket(), target.key()), target);
        String uploadId = AtomicFiles.randomHex(16);
        // built under a temp name and renamed, so an upload directory without its upload.json is garbage
        Path building = uploads.resolve(AtomicFiles.tempName(uploadId));
        try {
            Files.createDirectory(building);
            StoreFiles.Upload upload = new StoreFiles.Upload(StoreFiles.VERSION, target.bucket(), target.key(),
                    metadata.contentType().orElse(null), metadata.headers());
            AtomicFiles.replace(building.resolve(UPLOAD_FILE), Json.mapper().writeValueAsBytes(upload), false);
            AtomicFiles.moveAtomically(building, uploads.resolve(uploadId));
            return uploadId;
        } catch (IOException e) {
            AtomicFiles.deleteTreeQuietly(building);
            throw Errors.io("cannot initiate a multipart upload for " + where(target), e);
        }
    }

    @Override
    public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                  PartBody body, TransferListener listener) {
        checkCall(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(listener, "listener");
        StorageArguments.requirePartNumber(partNumber);
        paths.objectPath(target.bucket(), target.key());
        Path dir = stagedUpload(uploadId, target).dir();
        checkBodySize(body, "part " + partNumber + " of " + where(target));
        long offset = claimAssemblyOffset(dir, uploadId, partNumber, body.length());
        String dataName = offset >= 0 ? ASSEMBLY_FILE
                : String.format(Locale.ROOT, "part-%05d-%s.data", partNumber, AtomicFiles.randomHex(8));
        Path data = dir.resolve(dataName);
        boolean kept = false;
        try {
            Transfer.Digest digest;
            try {
                digest = offset >= 0
                        ? writeBody(body, () -> openAt(data, offset), listener)
                        : writeBody(body, () -> FileChannel.open(data, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE), listener);
            } catch (IOException e) {
                if (!Files.exists(dir.resolve(UPLOAD_FILE))) {
                    throw Errors.noSuchUpload(uploadId, where(target));
                }
                throw Errors.io("cannot store part " + partNumber + " of " + where(target), e);
            }
            String etag = digest.md5Hex();
            ReentrantLock lock = lockFor(uploadId);
            lock.lock();
            try {
                if (!Files.exists(dir.resolve(UPLOAD_FILE))) {
                    // aborted or completed while the bytes were streaming
                    throw Errors.noSuchUpload(uploadId, where(target));
                }
                Path record = dir.resolve(partRecordName(partNumber));
                StoreFiles.Part previous = readJson(record, StoreFiles.Part.class);
                StoreFiles.Part part = new StoreFiles.Part(StoreFiles.VERSION, partNumber, dataName, digest.size(),
                        etag, Crc64.toUnsignedString(digest.crc64()));
                AtomicFiles.replace(record, Json.mapper().writeValueAsBytes(part), false);
                kept = true;
                if (previous != null && previous.dataFile() != null && !previous.dataFile().equals(dataName)
                        && DATA_FILE.matcher(previous.dataFile()).matches()) {
                    AtomicFiles.deleteQuietly(dir.resolve(previous.dataFile()));
                }
            } catch (IOException e) {
                throw Errors.io("cannot record part " + partNumber + " of " + where(target), e);
            } finally {
                lock.unlock();
            }
            return PartReceipt.of(partNumber, etag, digest.size(), digest.crc64());
        } finally {
            if (offset >= 0) {
                // bytes written there and not recorded are unreferenced; a later upload of the part overwrites them
                assemblyWriters.remove(uploadId + "/" + partNumber);
            } else if (!kept) {
                AtomicFiles.deleteQuietly(data);
            }
        }
    }

    /**
     * Where part {@code partNumber} of {@code length} bytes can be written in the upload's assembly file
     * (its final offset in the object), or -1 when it goes to a data file of its own. The first part to
     * arrive sets the upload's stride (its size); a part of that size goes to {@code (n - 1) × stride},
     * unless the current version of the part is there already (a failed re-upload must leave it intact)
     * or another upload of that part is writing there now.
     */
    private long claimAssemblyOffset(Path dir, String uploadId, int partNumber, long length) {
        ReentrantLock lock = lockFor(uploadId);
        lock.lock();
        try {
            if (!Files.exists(dir.resolve(UPLOAD_FILE))) {
                return -1;
            }
            StoreFiles.Stride stride = readJson(dir.resolve(STRIDE_FILE), StoreFiles.Stride.class);
            if (stride == null || stride.version() != StoreFiles.VERSION || stride.size() < MIN_PART_SIZE) {
                if (length < MIN_PART_SIZE) {
                    return -1; // a last part, most likely: it would make a poor stride
                }
                stride = new StoreFiles.Stride(StoreFiles.VERSION, length);
                AtomicFiles.replace(dir.resolve(STRIDE_FILE), Json.mapper().writeValueAsBytes(stride), false);
            }
            long offset = (partNumber - 1L) * stride.size();
            if (length != stride.size() || offset > MAX_ASSEMBLY_OFFSET) {
                return -1;
            }
            StoreFiles.Part current = readJson(dir.resolve(partRecordName(partNumber)), StoreFiles.Part.class);
            if (current != null && ASSEMBLY_FILE.equals(current.dataFile())) {
                return -1;
            }
            return assemblyWriters.add(uploadId + "/" + partNumber) ? offset : -1;
        } catch (IOException e) {
            return -1; // no stride recorded: the part goes to a file of its own, as before
        } finally {
            lock.unlock();
        }
    }

    private static FileChannel openAt(Path file, long offset) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.position(offset);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
        checkCall(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        paths.objectPath(target.bucket(), target.key());
        ReentrantLock lock = lockFor(uploadId);
        lock.lock();
        try {
            Path dir = stagedUpload(uploadId, target).dir();
            List<PartReceipt> receipts = new ArrayList<>();
            for (StoreFiles.Part part : readParts(dir).values()) {
                receipts.add(PartReceipt.of(part.partNumber(), part.etag(), part.size(),
                        Crc64.parseUnsigned(part.crc64())));
            }
            return List.copyOf(receipts);
        } catch (IOException e) {
            throw Errors.io("cannot list the parts of upload " + uploadId + " for " + where(target), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                           List<PartReceipt> parts, ObjectMetadata metadata) {
        checkCall(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        StorageArguments.requireDistinctPartNumbers(parts);
        Objects.requireNonNull(metadata, "metadata");
        Path objectPath = paths.objectPath(target.bucket(), target.key());
        ReentrantLock lock = lockFor(uploadId);
        lock.lock();
        try {
            Staged staged = stagedUpload(uploadId, target);
            Path dir = staged.dir();
            StoreFiles.Upload upload = staged.upload();
            List<StoreFiles.Part> chosen = validateCompletion(dir, uploadId, target, parts);
            boolean inPlace = assembledInPlace(uploadId, chosen);
            Path temp = inPlace ? dir.resolve(ASSEMBLY_FILE) : tmp.resolve(AtomicFiles.tempName("complete"));
            try {
                long crc = inPlace ? finishAssembly(dir, chosen, temp, uploadId, target)
                        : assemble(dir, chosen, temp, uploadId, target);
                MessageDigest md5OfMd5s = Transfer.md5();
                for (StoreFiles.Part part : chosen) {
                    md5OfMd5s.update(HexFormat.of().parseHex(part.etag()));
                }
                String etag = HexFormat.of().withUpperCase().formatHex(md5OfMd5s.digest()) + "-" + chosen.size();
                Map<String, String> headers = new TreeMap<>(upload.headers() == null ? Map.of() : upload.headers());
                headers.putAll(metadata.headers());
                commitObject(target, objectPath, temp, etag, crc, Optional.ofNullable(upload.contentType()),
                        headers);
                try {
                    retire(dir);
                } catch (IOException e) {
                    // the object is in place, which is what the caller asked for; only the staging lingers
                    LOG.log(System.Logger.Level.WARNING, "Completed {0}, but could not remove the staging of upload"
                            + " {1} ({2}); it stays in {3} until aborted", where(target), uploadId,
                            e.getClass().getSimpleName(), dir);
                }
                return new ObjectReceipt(etag, OptionalLong.of(crc), Optional.empty());
            } finally {
                if (!inPlace) {
                    AtomicFiles.deleteQuietly(temp);
                }
            }
        } catch (IOException e) {
            throw Errors.io("cannot complete upload " + uploadId + " for " + where(target), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
        checkCall(target, credentials);
        StorageArguments.requireUploadId(uploadId);
        paths.objectPath(target.bucket(), target.key());
        ReentrantLock lock = lockFor(uploadId);
        lock.lock();
        try {
            Staged staged;
            try {
                staged = stagedUpload(uploadId, target);
            } catch (StorageException gone) {
                // aborting what is already gone (or was never this target's) is not an error
                return;
            }
            retire(staged.dir());
        } catch (IOException e) {
            throw Errors.io("cannot abort upload " + uploadId + " for " + where(target), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                   ObjectMetadata metadata, TransferListener listener) {
        checkCall(target, credentials);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(listener, "listener");
        Path objectPath = paths.objectPath(target.bucket(), target.key());
        checkBodySize(body, where(target));
        checkNoConflict(objectPath, target);
        Path temp = tmp.resolve(AtomicFiles.tempName("put"));
        try {
            Transfer.Digest digest;
            try {
                digest = writeBody(body, () -> FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), listener);
            } catch (IOException e) {
                throw Errors.io("cannot store " + where(target), e);
            }
            String etag = digest.md5Hex();
            try {
                commitObject(target, objectPath, temp, etag, digest.crc64(), metadata.contentType(),
                        metadata.headers());
            } catch (IOException e) {
                throw Errors.io("cannot store " + where(target), e);
            }
            return new ObjectReceipt(etag, OptionalLong.of(digest.crc64()), Optional.empty());
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }

    @Override
    public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
        checkCall(target, credentials);
        Path objectPath = paths.objectPath(target.bucket(), target.key());
        if (!Files.isRegularFile(objectPath)) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(objectPath, BasicFileAttributes.class);
            StoreFiles.Sidecar sidecar = readJson(sidecarPath(target), StoreFiles.Sidecar.class);
            if (sidecar != null && describes(sidecar, target, attributes)) {
                return Optional.of(new ObjectInfo(attributes.size(), sidecar.etag(),
                        OptionalLong.of(Crc64.parseUnsigned(sidecar.crc64()))));
            }
            // a file put there by hand, or one whose sidecar was lost: report what OSS would for a PutObject
            Transfer.Digest digest = Transfer.digest(objectPath, attributes.size());
            return Optional.of(new ObjectInfo(digest.size(), digest.md5Hex(), OptionalLong.of(digest.crc64())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw Errors.io("cannot read " + where(target), e);
        }
    }

    /** Marks the store closed; later calls fail. Nothing is held open between calls. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "LocalObjectStorage[" + root + "]";
    }

    // ---- the steps ----

    private void checkCall(StorageTarget target, Credentials credentials) {
        if (closed) {
            throw Errors.closed();
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        URI endpoint = target.endpoint();
        if (!"file".equalsIgnoreCase(endpoint.getScheme())) {
            throw Errors.fatal("InvalidEndpoint", 400, "endpoint " + endpoint + " is not a file: URI; the local"
                    + " store at " + root + " serves " + endpoint());
        }
        Path named;
        try {
            named = Path.of(endpoint).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw Errors.fatal("InvalidEndpoint", 400, "endpoint " + endpoint + " does not name a local"
                    + " directory; the local store at " + root + " serves " + endpoint());
        }
        if (named.equals(root) || named.equals(realRoot)) {
            return;
        }
        try {
            if (named.toRealPath().equals(realRoot)) {
                return;
            }
        } catch (IOException e) {
            // no such directory: not this store
        }
        throw Errors.fatal("InvalidEndpoint", 400, "endpoint " + endpoint + " is not this local store's root; it"
                + " serves " + endpoint());
    }

    private static void checkBodySize(PartBody body, String what) {
        if (body.length() > MAX_BODY_SIZE) {
            throw Errors.fatal("EntityTooLarge", 400, what + " is " + body.length()
                    + " bytes, over the 5 GiB limit of one request body");
        }
    }

    /**
     * Streams {@code body} into the new file {@code destination} and forces it to disk. Problems with the
     * source file are thrown as {@link StorageException}s here; problems writing are left to the caller.
     * Whatever fails, the caller deletes {@code destination}.
     */
    private static Transfer.Digest writeBody(PartBody body, ChannelOpener destination, TransferListener listener)
            throws IOException {
        // as OSS given a Content-MD5: the MD5 read before the body must be the body's, or nothing is stored
        String announced;
        try {
            announced = ContentMd5.of(body);
        } catch (RegionBody.LocalFileException e) {
            throw sourceFailure(body, e);
        }
        try (FileChannel out = destination.open()) {
            Transfer.Digest digest = Transfer.copy(body, out, listener, true);
            if (!announced.equals(Base64.getEncoder().encodeToString(digest.md5()))) {
                throw new StorageException(StorageException.Kind.FATAL, "InvalidDigest", 400, null,
                        "the body of " + body.describe() + " differs from its MD5 read just before it was sent"
                                + " (the file changed); nothing was stored", null, null);
            }
            out.force(true);
            return digest;
        } catch (RegionBody.LocalFileException e) {
            throw sourceFailure(body, e);
        }
    }

    /** Opens the channel a body is written to, positioned where its first byte goes. */
    @FunctionalInterface
    private interface ChannelOpener {
        FileChannel open() throws IOException;
    }

    private static IOException sourceFailure(PartBody body, RegionBody.LocalFileException e) {
        if (e instanceof RegionBody.SourceTruncatedException) {
            throw new StorageException(StorageException.Kind.FATAL, "SourceChanged", e.getMessage(), e);
        }
        if (e.getCause() instanceof NoSuchFileException || e.getCause() instanceof AccessDeniedException) {
            throw new StorageException(StorageException.Kind.FATAL, "SourceUnreadable",
                    "cannot read the file to upload " + body.describe() + " ("
                            + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        }
        return e;
    }

    /** Every body is checked against its MD5 read before it is copied, as OSS checks a Content-MD5. */
    @Override
    public boolean checksContentMd5() {
        return true;
    }

    /** Checks the completion list the way OSS does; returns the staged parts it names, in order. */
    private List<StoreFiles.Part> validateCompletion(Path dir, String uploadId, StorageTarget target,
                                                     List<PartReceipt> parts) throws IOException {
        if (parts.isEmpty()) {
            throw Errors.fatal("MalformedXML", 400, "completing upload " + uploadId + " for " + where(target)
                    + " names no parts");
        }
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).partNumber() <= parts.get(i - 1).partNumber()) {
                throw Errors.fatal("InvalidPartOrder", 400, "the parts of upload " + uploadId + " for "
                        + where(target) + " are not in ascending order: part " + parts.get(i).partNumber()
                        + " follows part " + parts.get(i - 1).partNumber());
            }
        }
        Map<Integer, StoreFiles.Part> staged = readParts(dir);
        List<StoreFiles.Part> chosen = new ArrayList<>(parts.size());
        for (PartReceipt receipt : parts) {
            StoreFiles.Part part = staged.get(receipt.partNumber());
            if (part == null) {
                throw Errors.fatal("InvalidPart", 400, "part " + receipt.partNumber() + " of upload " + uploadId
                        + " for " + where(target) + " was not uploaded");
            }
            if (!part.etag().equalsIgnoreCase(receipt.etag())) {
                throw Errors.fatal("InvalidPart", 400, "part " + receipt.partNumber() + " of upload " + uploadId
                        + " for " + where(target) + " has ETag " + part.etag() + ", not " + receipt.etag());
            }
            chosen.add(part);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < MIN_PART_SIZE) {
                throw Errors.fatal("EntityTooSmall", 400, "part " + chosen.get(i).partNumber() + " of upload "
                        + uploadId + " for " + where(target) + " is " + chosen.get(i).size()
                        + " bytes; every part but the last must have at least " + MIN_PART_SIZE);
            }
        }
        return chosen;
    }

    /**
     * Whether the object can be the upload's assembly file itself: every chosen part but the last lies there
     * at its final offset, and no part is being written there now (the file is about to become the object).
     * Called under the upload's lock.
     */
    private boolean assembledInPlace(String uploadId, List<StoreFiles.Part> chosen) {
        String prefix = uploadId + "/";
        for (String writer : assemblyWriters) {
            if (writer.startsWith(prefix)) {
                return false;
            }
        }
        long offset = 0;
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (!inAssemblyAt(chosen.get(i), offset)) {
                return false;
            }
            offset += chosen.get(i).size();
        }
        return true;
    }

    private static boolean inAssemblyAt(StoreFiles.Part part, long offset) {
        return ASSEMBLY_FILE.equals(part.dataFile()) && (part.partNumber() - 1L) * part.size() == offset;
    }

    /**
     * Makes the assembly file the object: the last part is copied to its final offset when it lies elsewhere
     * (in the kernel, {@link FileChannel#transferTo}), the file is cut at the object's length and forced to
     * disk. Nothing is read back: the object's CRC is combined from the CRCs recorded when the parts
     * arrived. A part whose staged bytes are missing (a file shorter than the part) is dropped and
     * reported as {@code InvalidPart}, so the uploader sends it again.
     */
    private long finishAssembly(Path dir, List<StoreFiles.Part> parts, Path assembly, String uploadId,
                                StorageTarget target) throws IOException {
        Crc64.Combiner stride = Crc64.combiner(parts.get(0).size());
        long crc = 0;
        long offset = 0;
        // CREATE: with one part, or none of them in place, there may be no assembly file yet
        try (FileChannel out = FileChannel.open(assembly, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (StoreFiles.Part part : parts) {
                if (inAssemblyAt(part, offset)) {
                    if (out.size() < offset + part.size()) {
                        throw droppedPart(dir, part, uploadId, target);
                    }
                } else {
                    copyPart(dir, part, dir.resolve(part.dataFile()), 0, out, offset, uploadId, target);
                }
                long recorded = Crc64.parseUnsigned(part.crc64());
                crc = part.size() == stride.length() ? stride.combine(crc, recorded)
                        : Crc64.combine(crc, recorded, part.size());
                offset += part.size();
            }
            if (out.size() > offset) {
                out.truncate(offset);
            }
            out.force(true);
        }
        return crc;
    }

    /**
     * Concatenates the parts into the new file {@code temp} (each copied in the kernel, {@link
     * FileChannel#transferTo}), forced to disk; returns the whole object's CRC, combined from the CRCs
     * recorded when the parts arrived. For layouts the assembly file cannot serve: parts of several sizes,
     * a gap in the part numbers, a part being written. A part whose staged bytes are missing is dropped
     * and reported as {@code InvalidPart}, so the uploader sends it again.
     */
    private long assemble(Path dir, List<StoreFiles.Part> parts, Path temp, String uploadId, StorageTarget target)
            throws IOException {
        long crc = 0;
        long offset = 0;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (StoreFiles.Part part : parts) {
                long from = ASSEMBLY_FILE.equals(part.dataFile()) ? (part.partNumber() - 1L) * part.size() : 0;
                copyPart(dir, part, dir.resolve(part.dataFile()), from, out, offset, uploadId, target);
                crc = Crc64.combine(crc, Crc64.parseUnsigned(part.crc64()), part.size());
                offset += part.size();
            }
            out.force(true);
        }
        return crc;
    }

    /** Copies {@code part}'s bytes from {@code source} at {@code from} to {@code out} at {@code to}. */
    private void copyPart(Path dir, StoreFiles.Part part, Path source, long from, FileChannel out, long to,
                          String uploadId, StorageTarget target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long expected = ASSEMBLY_FILE.equals(part.dataFile()) ? from + part.size() : part.size();
            if (ASSEMBLY_FILE.equals(part.dataFile()) ? in.size() < expected : in.size() != expected) {
                throw droppedPart(dir, part, uploadId, target);
            }
            out.position(to);
            long done = 0;
            while (done < part.size()) {
                long n = in.transferTo(from + done, part.size() - done, out);
                if (n <= 0) {
                    throw droppedPart(dir, part, uploadId, target);
                }
                done += n;
            }
        } catch (NoSuchFileException e) {
            throw droppedPart(dir, part, uploadId, target);
        }
    }

    /** Forgets a part whose staged bytes are gone; the error tells the uploader to send it again. */
    private StorageException droppedPart(Path dir, StoreFiles.Part part, String uploadId, StorageTarget target) {
        AtomicFiles.deleteQuietly(dir.resolve(partRecordName(part.partNumber())));
        if (DATA_FILE.matcher(part.dataFile()).matches()) {
            AtomicFiles.deleteQuietly(dir.resolve(part.dataFile()));
        }
        return Errors.fatal("InvalidPart", 400, "the staged bytes of part " + part.partNumber()
                + " of upload " + uploadId + " for " + where(target)
                + " are missing; the part was dropped, upload it again");
    }

    /**
     * Moves the finished {@code temp} into place as the object, after writing its sidecar. The sidecar
     * goes first: if the process dies between the two steps, the sidecar no longer describes the file
     * at the key (size, time and file key differ) and is ignored.
     */
    private void commitObject(StorageTarget target, Path objectPath, Path temp, String etag, long crc,
                              Optional<String> contentType, Map<String, String> headers) throws IOException {
        boolean forbidOverwrite = "true".equalsIgnoreCase(headers.getOrDefault("x-oss-forbid-overwrite", ""));
        if (forbidOverwrite && Files.exists(objectPath, LinkOption.NOFOLLOW_LINKS)) {
            throw Errors.fatal("FileAlreadyExists", 409, "the object " + where(target) + " already exists and"
                    + " x-oss-forbid-overwrite is set");
        }
        try {
            Files.createDirectories(objectPath.getParent());
        } catch (FileSystemException e) {
            checkNoConflict(objectPath, target);
            throw e;
        }
        // again, now that the directories exist: nothing may have led them elsewhere
        paths.checkInsideRoot(objectPath, target.bucket(), target.key());
        checkNoConflict(objectPath, target);
        BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class);
        StoreFiles.Sidecar sidecar = new StoreFiles.Sidecar(StoreFiles.VERSION, target.bucket(), target.key(),
                attributes.size(), attributes.lastModifiedTime().toInstant().toString(),
                fileKey(attributes), etag, Crc64.toUnsignedString(crc), contentType.orElse(null), headers);
        AtomicFiles.replace(sidecarPath(target), Json.sidecar(sidecar), false);
        try {
            AtomicFiles.moveAtomically(temp, objectPath);
        } catch (AtomicMoveNotSupportedException e) {
            throw Errors.fatal("AtomicMoveNotSupported", 0, "the directory of " + where(target)
                    + " is on another file system than the store's root " + root
                    + ", so the object cannot appear there atomically");
        }
    }

    /**
     * A file cannot also be a directory: refuses a key whose prefix is an existing object ({@code a} when
     * storing {@code a/b}) or that is itself a prefix of other keys (storing {@code a} when {@code a/b}
     * exists). OSS allows both; this store cannot, and says so before any byte is sent.
     */
    private void checkNoConflict(Path objectPath, StorageTarget target) {
        Path bucketDir = paths.bucketPath(target.bucket());
        String[] segments = target.key().split("/");
        Path current = bucketDir;
        for (int i = 0; i < segments.length - 1; i++) {
            current = current.resolve(segments[i]);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current)) {
                throw Errors.fatal("ObjectPathConflict", 409, "key " + KeyPaths.quoted(target.key()) + " in bucket "
                        + KeyPaths.quoted(target.bucket()) + " cannot be stored: its prefix "
                        + KeyPaths.quoted(bucketDir.relativize(current).toString())
                        + " is an object (a file cannot also be a directory)");
            }
        }
        if (Files.isDirectory(objectPath, LinkOption.NOFOLLOW_LINKS)) {
            throw Errors.fatal("ObjectPathConflict", 409, "key " + KeyPaths.quoted(target.key()) + " in bucket "
                    + KeyPaths.quoted(target.bucket()) + " cannot be stored: it is a prefix of other keys (a"
                    + " directory cannot also be a file)");
        }
    }

    /** Makes the upload unknown at once (its upload.json goes first), then clears its directory. */
    private static void retire(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(UPLOAD_FILE));
        AtomicFiles.deleteTreeQuietly(dir);
    }

    /**
     * The staging directory of {@code uploadId}, when it exists and was started for {@code target}'s
     * bucket and key; otherwise {@code NoSuchUpload}, as OSS answers.
     */
    private Staged stagedUpload(String uploadId, StorageTarget target) {
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw Errors.noSuchUpload(uploadId, where(target));
        }
        Path dir = uploads.resolve(uploadId);
        if (!isStagingDirectory(dir)) {
            throw Errors.noSuchUpload(uploadId, where(target));
        }
        StoreFiles.Upload upload = readJson(dir.resolve(UPLOAD_FILE), StoreFiles.Upload.class);
        if (upload == null || upload.version() != StoreFiles.VERSION
                || !target.bucket().equals(upload.bucket()) || !target.key().equals(upload.key())) {
            throw Errors.noSuchUpload(uploadId, where(target));
        }
        return new Staged(dir, upload);
    }

    /**
     * Whether {@code dir} is a real directory of this store's staging area, checked as strictly as an
     * object's path: a symbolic link there (to anywhere) is removed, the link only, and the upload counts
     * as gone, so nothing is ever read from or written through it.
     */
    private boolean isStagingDirectory(Path dir) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory() && dir.toRealPath().equals(realRoot.resolve(root.relativize(dir)))) {
                return true;
            }
            if (attributes.isSymbolicLink()) {
                LOG.log(System.Logger.Level.WARNING, "The staging directory {0} is a symbolic link; the link is"
                        + " removed and its upload counts as gone", dir);
                AtomicFiles.deleteQuietly(dir);
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** A multipart upload in progress: its staging directory and what it will create. */
    private record Staged(Path dir, StoreFiles.Upload upload) {
    }

    /** The valid part records of an upload by part number; a damaged record counts as no part. */
    private Map<Integer, StoreFiles.Part> readParts(Path dir) throws IOException {
        Map<Integer, StoreFiles.Part> parts = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "part-*.json")) {
            for (Path entry : entries) {
                Matcher m = PART_FILE.matcher(entry.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                StoreFiles.Part part = readJson(entry, StoreFiles.Part.class);
                if (part != null && isValid(part, Integer.parseInt(m.group(1)))) {
                    parts.put(part.partNumber(), part);
                }
            }
        }
        return parts;
    }

    private static boolean isValid(StoreFiles.Part part, int number) {
        try {
            return part.version() == StoreFiles.VERSION && part.partNumber() == number
                    && part.dataFile() != null && (DATA_FILE.matcher(part.dataFile()).matches()
                    || ASSEMBLY_FILE.equals(part.dataFile()))
                    && part.size() >= 0 && part.etag() != null && part.etag().matches("[0-9A-F]{32}")
                    && part.crc64() != null && parsesAsCrc(part.crc64());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean describes(StoreFiles.Sidecar sidecar, StorageTarget target, BasicFileAttributes file) {
        return parsesAsCrc(sidecar.crc64()) && sidecar.version() == StoreFiles.VERSION
                && target.bucket().equals(sidecar.bucket()) && target.key().equals(sidecar.key())
                && sidecar.size() == file.size()
                && file.lastModifiedTime().toInstant().toString().equals(sidecar.lastModified())
                && Objects.equals(fileKey(file), sidecar.fileKey())
                && sidecar.etag() != null && !sidecar.etag().isBlank();
    }

    private static boolean parsesAsCrc(String value) {
        try {
            Crc64.parseUnsigned(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String fileKey(BasicFileAttributes attributes) {
        return attributes.fileKey() == null ? null : attributes.fileKey().toString();
    }

    /** The JSON file at {@code file}, or null when it is missing or cannot be read. */
    private <T> T readJson(Path file, Class<T> type) {
        try {
            return Json.mapper().readValue(Files.readAllBytes(file), type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Path sidecarPath(StorageTarget target) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        // the bucket has no '/', so bucket + '/' + key names one object unambiguously
        byte[] name = (target.bucket() + "/" + target.key()).getBytes(StandardCharsets.UTF_8);
        return objects.resolve(HexFormat.of().formatHex(sha256.digest(name)) + ".json");
    }

    /**
     * Clears what crashed processes left: temp files, upload directories without their upload.json, and
     * staging entries that are symbolic links (only the link goes); and aborts the uploads nobody touched for
     * {@link #ABANDONED_UPLOAD_AGE}, as an OSS lifecycle rule for incomplete multipart uploads does.
     */
    private void sweep(Instant now) {
        AtomicFiles.sweepLeftoverTemps(tmp);
        AtomicFiles.sweepLeftoverTemps(objects);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(uploads)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isDirectory()) {
                    AtomicFiles.deleteQuietly(entry); // a link (or a stray file) is never staging
                } else if (AtomicFiles.isLeftoverTemp(name)
                        || (UPLOAD_ID.matcher(name).matches() && !Files.exists(entry.resolve(UPLOAD_FILE)))) {
                    AtomicFiles.deleteTreeQuietly(entry);
                } else if (UPLOAD_ID.matcher(name).matches()) {
                    // the directory's time moves with every part recorded in it
                    if (attributes.lastModifiedTime().toInstant().plus(ABANDONED_UPLOAD_AGE).isBefore(now)) {
                        retire(entry);
                    } else {
                        AtomicFiles.sweepLeftoverTemps(entry);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // housekeeping only
        }
    }

    private ReentrantLock lockFor(String uploadId) {
        return locks[Math.floorMod(uploadId.hashCode(), STRIPES)];
    }

    private static String partRecordName(int partNumber) {
        return String.format(Locale.ROOT, "part-%05d.json", partNumber);
    }

    private static String where(StorageTarget target) {
        return KeyPaths.quoted(target.bucket() + "/" + target.key());
    }
}
