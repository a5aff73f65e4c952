package io.vodupload.testkit.memory;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.MemoryBody;
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
import io.vodupload.testkit.StorageFaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * An {@link ObjectStorage} held in memory that behaves like OSS where the uploader can tell (multipart
 * rules of OSS-PROTOCOL §1.3–1.4, error codes of §3.2, CRC-64 of parts and objects) and can be told to
 * misbehave: the {@link StorageFaults} of the contract suite plus scripted faults per part and attempt,
 * credentials that expire after N parts, forgotten uploads, corrupted objects and requests held at a
 * {@link Gate}.
 *
 * <p>Semantics: a part number uploaded again replaces the part; Complete checks ascending order
 * ({@code InvalidPartOrder}), that every listed part exists with that ETag ({@code InvalidPart}) and that
 * every part but the last has at least 100 KiB ({@code EntityTooSmall}); an unknown upload id is
 * {@code NoSuchUpload}; aborting an unknown upload is not an error (as the port says). ETags are the
 * upper-case MD5 hex of the bytes (a multipart object's is the MD5 of the part MD5s plus
 * {@code -<count>}). Every request checks its credentials against the accepted set:
 * an unknown AccessKeyId is {@code InvalidAccessKeyId}, a wrong secret {@code SignatureDoesNotMatch}
 * (both {@code FATAL}), a wrong token {@code InvalidSecurityToken}, expired credentials
 * {@code SecurityTokenExpired}. Any bucket exists unless {@link #onlyBuckets} says otherwise.
 *
 * <p>Bodies are read from disk in 32 KiB chunks; the {@link TransferListener} is told after each chunk
 * and a {@link CancellationException} it throws propagates unchanged (the part is not stored).
 *
 * <p>Thread-safe: state changes happen under one lock; bodies stream outside it, so parts upload
 * concurrently.
 */
public final class InMemoryObjectStorage implements ObjectStorage, StorageFaults {

    /** The smallest size of a part that is not the last (OSS-PROTOCOL §1.4). */
    public static final long MIN_PART_SIZE = 100 * 1024;

    private static final int CHUNK = 32 * 1024;

    private final Object lock = new Object();
    private final Clock clock;

    private final Map<String, Credentials> valid = new HashMap<>();
    private final Set<List<Object>> expired = new HashSet<>(); // identities: expiry times do not matter
    private boolean allExpired;
    private int expireAfterParts = -1;
    private Credentials freshAfterExpiry;
    private final Set<String> buckets = new HashSet<>();

    private final Map<String, StoredObject> objects = new HashMap<>();
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private long nextUploadId = 1;

    private final Map<Operation, Deque<Fault>> nextFaults = new EnumMap<>(Operation.class);
    private final Map<Long, Fault> partFaults = new HashMap<>();
    private final Map<Integer, Gate> gates = new HashMap<>();
    private int corruptNextObjects;
    private boolean omitCrc64;

    private final Map<Operation, Integer> requests = new EnumMap<>(Operation.class);
    private final Map<Integer, Integer> partAttempts = new HashMap<>();
    private final Map<Integer, Integer> partsStored = new HashMap<>();
    private long bytesReceived;
    private int concurrentBodies;
    private int maxConcurrentBodies;
    private boolean closed;

    /** A storage that accepts {@code accepted} credentials, with the system clock for error times. */
    public InMemoryObjectStorage(Credentials accepted) {
        this(accepted, Clock.systemUTC());
    }

    /** A storage that accepts {@code accepted} credentials and takes its server time from {@code clock}. */
    public InMemoryObjectStorage(Credentials accepted, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        acceptCredentials(accepted);
    }

    // ---------------------------------------------------------------- configuration and faults

    /** Accepts {@code credentials} as well (keyed by AccessKeyId: replaces those with the same id). */
    public void acceptCredentials(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        synchronized (lock) {
            valid.put(credentials.accessKeyId(), credentials);
            expired.remove(identity(credentials));
        }
    }

    /**
     * Every accepted credential expires now (requests signed with them get 403
     * {@code SecurityTokenExpired}); {@code fresh} is accepted from now on.
     */
    public void rotateCredentials(Credentials fresh) {
        Objects.requireNonNull(fresh, "fresh");
        synchronized (lock) {
            valid.values().forEach(c -> expired.add(identity(c)));
            valid.clear();
            valid.put(fresh.accessKeyId(), fresh);
            expired.remove(identity(fresh));
        }
    }

    /**
     * After {@code parts} more parts have been stored, {@link #rotateCredentials rotates} to
     * {@code fresh}: the credentials in use expire and only {@code fresh} works.
     */
    public void expireCredentialsAfterParts(int parts, Credentials fresh) {
        if (parts < 0) {
            throw new IllegalArgumentException("parts < 0: " + parts);
        }
        Objects.requireNonNull(fresh, "fresh");
        synchronized (lock) {
            if (parts == 0) {
                rotateCredentials(fresh);
            } else {
                expireAfterParts = parts;
                freshAfterExpiry = fresh;
            }
        }
    }

    /** From now on only these buckets exist; any other is {@code NoSuchBucket}. */
    public void onlyBuckets(String... names) {
        synchronized (lock) {
            buckets.clear();
            buckets.addAll(Arrays.asList(names));
        }
    }

    /** The next request of {@code operation} suffers {@code fault}, once (queued after earlier ones). */
    public void failNext(Operation operation, Fault fault) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            nextFaults.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(fault);
        }
    }

    @Override
    public void failNext(Operation operation, int httpStatus, String errorCode) {
        failNext(operation, Fault.error(httpStatus, errorCode));
    }

    @Override
    public void resetConnectionOnNext(Operation operation) {
        failNext(operation, Fault.reset());
    }

    /**
     * The {@code attempt}-th UploadPart request (counting from 1, over this storage's life) for part
     * {@code partNumber} suffers {@code fault}.
     */
    public void failPart(int partNumber, int attempt, Fault fault) {
        StorageArguments.requirePartNumber(partNumber);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt < 1: " + attempt);
        }
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            partFaults.put(partAttemptKey(partNumber, attempt), fault);
        }
    }

    /** {@link #failPart(int, int, Fault)} with a representative error of {@code kind}. */
    public void failPart(int partNumber, int attempt, StorageException.Kind kind) {
        failPart(partNumber, attempt, Fault.of(kind));
    }

    @Override
    public void expireCredentials() {
        synchronized (lock) {
            allExpired = true;
        }
    }

    @Override
    public void forgetUpload(String uploadId) {
        synchronized (lock) {
            uploads.remove(uploadId);
        }
    }

    /** Forgets every multipart upload in progress. */
    public void forgetAllUploads() {
        synchronized (lock) {
            uploads.clear();
        }
    }

    /**
     * The next object created (PutObject or Complete) is stored with its first byte flipped, as bit rot
     * on the server would; the CRC it reports is the true CRC of what it stored, so it will not match the
     * client's.
     */
    public void corruptNextObject() {
        synchronized (lock) {
            corruptNextObjects++;
        }
    }

    /**
     * Whether answers leave out every CRC-64 (PutObject, UploadPart's server side, Complete, HeadObject,
     * ListParts), as some OSS-compatible stores do. Survives {@link #clear()}.
     */
    public void omitCrc64(boolean omit) {
        synchronized (lock) {
            omitCrc64 = omit;
        }
    }

    /**
     * Like OSS given a {@code Content-MD5}: every PutObject and UploadPart body is checked against the
     * MD5 of its region read before the body, and refused with {@code 400 InvalidDigest} (nothing stored)
     * when they differ.
     */
    @Override
    public boolean checksContentMd5() {
        return true;
    }

    /**
     * The next UploadPart request for {@code partNumber} stops after its first body chunk until the
     * returned gate is opened.
     */
    public Gate holdPart(int partNumber) {
        Gate gate = new Gate();
        synchronized (lock) {
            gates.put(partNumber, gate);
        }
        return gate;
    }

    @Override
    public void clear() {
        synchronized (lock) {
            nextFaults.clear();
            partFaults.clear();
            allExpired = false;
            expireAfterParts = -1;
            freshAfterExpiry = null;
            corruptNextObjects = 0;
            gates.values().forEach(Gate::open);
            gates.clear();
        }
    }

    // ---------------------------------------------------------------- inspection

    /** What this storage has seen so far. */
    public StorageStatistics statistics() {
        synchronized (lock) {
            return new StorageStatistics(requests, partAttempts, partsStored, bytesReceived, maxConcurrentBodies);
        }
    }

    /** Forgets the statistics gathered so far. */
    public void resetStatistics() {
        synchronized (lock) {
            requests.clear();
            partAttempts.clear();
            partsStored.clear();
            bytesReceived = 0;
            maxConcurrentBodies = 0;
        }
    }

    /** A copy of the bytes of the object at {@code target}, if it exists. */
    public Optional<byte[]> objectBytes(StorageTarget target) {
        synchronized (lock) {
            StoredObject o = objects.get(objectKey(target));
            return o == null ? Optional.empty() : Optional.of(o.bytes.clone());
        }
    }

    /** The metadata the object at {@code target} was created with, if it exists. */
    public Optional<ObjectMetadata> objectMetadata(StorageTarget target) {
        synchronized (lock) {
            StoredObject o = objects.get(objectKey(target));
            return o == null ? Optional.empty() : Optional.of(o.metadata);
        }
    }

    /** Creates (or replaces) the object at {@code target} directly, as an earlier upload would have. */
    public void storeObject(StorageTarget target, byte[] bytes) {
        synchronized (lock) {
            objects.put(objectKey(target), new StoredObject(bytes.clone(), md5Hex(bytes), Crc64.of(bytes),
                    ObjectMetadata.EMPTY));
        }
    }

    /** The ids of the multipart uploads in progress, oldest first. */
    public List<String> uploadsInProgress() {
        synchronized (lock) {
            return List.copyOf(uploads.keySet());
        }
    }

    // ---------------------------------------------------------------- ObjectStorage

    @Override
    public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metadata, "metadata");
        synchronized (lock) {
            Fault fault = begin(Operation.INITIATE_MULTIPART, target, credentials);
            throwIfBefore(fault, target);
            String id = String.format("%032X", nextUploadId++);
            uploads.put(id, new Upload(id, objectKey(target), metadata));
            throwIfLost(fault, target);
            return id;
        }
    }

    @Override
    public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                  PartBody body, TransferListener listener) {
        Objects.requireNonNull(target, "target");
        StorageArguments.requireUploadId(uploadId);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(listener, "listener");
        StorageArguments.requirePartNumber(partNumber);
        Fault fault;
        Gate gate;
        synchronized (lock) {
            int attempt = partAttempts.merge(partNumber, 1, Integer::sum);
            fault = begin(Operation.UPLOAD_PART, target, credentials);
            if (fault == null) {
                fault = partFaults.remove(partAttemptKey(partNumber, attempt));
            }
            throwIfBeforeBody(fault, target);
            requireUpload(uploadId, target);
            gate = gates.remove(partNumber);
        }
        Body read = readBody(body, listener, fault, gate, target);
        synchronized (lock) {
            Upload upload = requireUpload(uploadId, target);
            upload.parts.put(partNumber, new StoredPart(partNumber, read.bytes, read.md5Hex, read.crc));
            partsStored.merge(partNumber, 1, Integer::sum);
            if (expireAfterParts > 0 && --expireAfterParts == 0) {
                Credentials fresh = freshAfterExpiry;
                expireAfterParts = -1;
                freshAfterExpiry = null;
                rotateCredentials(fresh);
            }
            throwIfLost(fault, target);
            return PartReceipt.of(partNumber, read.md5Hex, read.bytes.length, read.crc);
        }
    }

    @Override
    public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
        StorageArguments.requireUploadId(uploadId);
        synchronized (lock) {
            Fault fault = begin(Operation.LIST_PARTS, target, credentials);
            throwIfBefore(fault, target);
            Upload upload = requireUpload(uploadId, target);
            List<PartReceipt> result = new ArrayList<>();
            for (StoredPart p : upload.parts.values()) {
                result.add(new PartReceipt(p.number, p.md5Hex, p.bytes.length, reported(p.crc)));
            }
            throwIfLost(fault, target);
            return List.copyOf(result);
        }
    }

    @Override
    public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                           List<PartReceipt> parts, ObjectMetadata metadata) {
        StorageArguments.requireUploadId(uploadId);
        StorageArguments.requireDistinctPartNumbers(parts);
        Objects.requireNonNull(metadata, "metadata");
        synchronized (lock) {
            Fault fault = begin(Operation.COMPLETE_MULTIPART, target, credentials);
            throwIfBefore(fault, target);
            Upload upload = requireUpload(uploadId, target);
            if (parts.isEmpty()) {
                throw error(400, "MalformedXML", "the part list is empty", target);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            MessageDigest md5OfMd5s = md5();
            int previous = 0;
            for (int i = 0; i < parts.size(); i++) {
                PartReceipt want = parts.get(i);
                if (want.partNumber() <= previous) {
                    throw error(400, "InvalidPartOrder", "parts are not in ascending order at part "
                            + want.partNumber(), target);
                }
                previous = want.partNumber();
                StoredPart have = upload.parts.get(want.partNumber());
                if (have == null || !have.md5Hex.equalsIgnoreCase(want.etag())) {
                    throw error(400, "InvalidPart", "part " + want.partNumber()
                            + " is missing or its ETag does not match", target);
                }
                if (i < parts.size() - 1 && have.bytes.length < MIN_PART_SIZE) {
                    throw error(400, "EntityTooSmall", "part " + want.partNumber() + " has "
                            + have.bytes.length + " bytes, less than " + MIN_PART_SIZE, target);
                }
                all.writeBytes(have.bytes);
                md5OfMd5s.update(HexFormat.of().parseHex(have.md5Hex));
            }
            Map<String, String> headers = new TreeMap<>(upload.metadata.headers());
            headers.putAll(metadata.headers());
            String etag = HexFormat.of().withUpperCase().formatHex(md5OfMd5s.digest()) + "-" + parts.size();
            StoredObject object = store(target, all.toByteArray(), etag,
                    new ObjectMetadata(upload.metadata.contentType(), headers));
            uploads.remove(uploadId);
            throwIfLost(fault, target);
            return new ObjectReceipt(object.etag, reported(object.crc), Optional.of(requestId()));
        }
    }

    @Override
    public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
        StorageArguments.requireUploadId(uploadId);
        synchronized (lock) {
            Fault fault = begin(Operation.ABORT_MULTIPART, target, credentials);
            throwIfBefore(fault, target);
            uploads.remove(uploadId);
            throwIfLost(fault, target);
        }
    }

    @Override
    public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                   ObjectMetadata metadata, TransferListener listener) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(listener, "listener");
        Fault fault;
        synchronized (lock) {
            fault = begin(Operation.PUT_OBJECT, target, credentials);
            throwIfBeforeBody(fault, target);
        }
        Body read = readBody(body, listener, fault, null, target);
        synchronized (lock) {
            StoredObject object = store(target, read.bytes, read.md5Hex, metadata);
            throwIfLost(fault, target);
            return new ObjectReceipt(object.etag, reported(object.crc), Optional.of(requestId()));
        }
    }

    @Override
    public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
        synchronized (lock) {
            Fault fault = begin(Operation.HEAD_OBJECT, target, credentials);
            throwIfBefore(fault, target);
            StoredObject o = objects.get(objectKey(target));
            throwIfLost(fault, target);
            return o == null ? Optional.empty()
                    : Optional.of(new ObjectInfo(o.bytes.length, o.etag, reported(o.crc)));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            gates.values().forEach(Gate::open);
        }
    }

    // ---------------------------------------------------------------- internals

    /** Counts the request, takes its queued fault, checks credentials and bucket. Holds the lock. */
    private Fault begin(Operation operation, StorageTarget target, Credentials credentials) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
        requests.merge(operation, 1, Integer::sum);
        Deque<Fault> queue = nextFaults.get(operation);
        Fault fault = queue == null ? null : queue.poll();
        if (fault != null && fault.type() == Fault.Type.ERROR) {
            return fault; // an injected error answers before authentication, as a proxy or overloaded front end would
        }
        authenticate(credentials, target);
        if (!buckets.isEmpty() && !buckets.contains(target.bucket())) {
            throw error(404, "NoSuchBucket", "the bucket does not exist: " + target.bucket(), target);
        }
        return fault;
    }

    private void authenticate(Credentials c, StorageTarget target) {
        if (allExpired || expired.contains(identity(c))) {
            throw error(403, "SecurityTokenExpired", "The security token you provided has expired.", target);
        }
        Credentials known = valid.get(c.accessKeyId());
        if (known == null) {
            throw error(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist: "
                    + c.accessKeyId(), target);
        }
        if (!known.accessKeySecret().equals(c.accessKeySecret())) {
            throw error(403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.", target);
        }
        if (!known.securityToken().equals(c.securityToken())) {
            throw error(403, "InvalidSecurityToken", "The security token you provided is invalid.", target);
        }
    }

    private static List<Object> identity(Credentials c) {
        return List.of(c.accessKeyId(), c.accessKeySecret(), c.securityToken());
    }

    private void throwIfBefore(Fault fault, StorageTarget target) {
        if (fault == null) {
            return;
        }
        if (fault.type() == Fault.Type.ERROR) {
            throw error(fault.httpStatus(), fault.errorCode(), "injected fault", target);
        }
        if (fault.type() == Fault.Type.RESET) {
            throw reset(target);
        }
    }

    /** As {@link #throwIfBefore}, but a reset is left for {@link #readBody} to do halfway through. */
    private void throwIfBeforeBody(Fault fault, StorageTarget target) {
        if (fault != null && fault.type() == Fault.Type.ERROR) {
            throwIfBefore(fault, target);
        }
    }

    private void throwIfLost(Fault fault, StorageTarget target) {
        if (fault != null && fault.type() == Fault.Type.LOST_RESPONSE) {
            throw new StorageException(StorageException.Kind.RETRYABLE, "ConnectionReset", 0, null,
                    "connection reset before the response to a request on " + target.displayName(), null, null);
        }
    }

    private Upload requireUpload(String uploadId, StorageTarget target) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.objectKey.equals(objectKey(target))) {
            throw error(404, "NoSuchUpload", "The specified upload does not exist: " + uploadId, target);
        }
        return upload;
    }

    private StoredObject store(StorageTarget target, byte[] bytes, String etag, ObjectMetadata metadata) {
        byte[] stored = bytes;
        if (corruptNextObjects > 0 && bytes.length > 0) {
            corruptNextObjects--;
            stored = bytes.clone();
            stored[0] ^= 1;
        }
        StoredObject object = new StoredObject(stored, etag, Crc64.of(stored), metadata);
        objects.put(objectKey(target), object);
        return object;
    }

    /** A CRC-64 as the server reports it: not at all in {@link #omitCrc64} mode. Under the lock. */
    private OptionalLong reported(long crc) {
        return omitCrc64 ? OptionalLong.empty() : OptionalLong.of(crc);
    }

    /** The MD5 of the region as the file holds it now, as a client computes its Content-MD5. */
    private static byte[] md5Before(PartBody region, StorageTarget target) {
        try (Source channel = Source.open(region)) {
            MessageDigest md5 = md5();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long position = 0;
            while (position < region.length()) {
                buffer.clear().limit((int) Math.min(CHUNK, region.length() - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break; // the body read reports the short file
                }
                md5.update(buffer.array(), 0, n);
                position += n;
            }
            return md5.digest();
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.FATAL, "LocalReadError",
                    "cannot read " + region + ": " + e, null);
        }
    }

    private Body readBody(PartBody region, TransferListener listener, Fault fault, Gate gate,
                          StorageTarget target) {
        byte[] announced = md5Before(region, target);
        long resetAt = fault != null && fault.type() == Fault.Type.RESET ? region.length() / 2 : -1;
        if (region.length() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("body too large for the in-memory storage: " + region.length());
        }
        synchronized (lock) {
            concurrentBodies++;
            maxConcurrentBodies = Math.max(maxConcurrentBodies, concurrentBodies);
        }
        try (Source channel = Source.open(region)) {
            byte[] bytes = new byte[(int) region.length()];
            MessageDigest md5 = md5();
            long crc = 0;
            int done = 0;
            boolean first = true;
            while (done < bytes.length) {
                int want = Math.min(CHUNK, bytes.length - done);
                if (resetAt >= 0 && done + want > resetAt) {
                    want = (int) (resetAt - done);
                    if (want <= 0) {
                        throw reset(target);
                    }
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes, done, want);
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, done + (want - buffer.remaining()));
                    if (n < 0) {
                        throw new StorageException(StorageException.Kind.FATAL, "LocalReadError",
                                "the file ended before the region did: " + region, null);
                    }
                }
                md5.update(bytes, done, want);
                crc = Crc64.update(crc, bytes, done, want);
                done += want;
                synchronized (lock) {
                    bytesReceived += want;
                }
                listener.bytesTransferred(want);
                if (first && gate != null) {
                    first = false;
                    gate.arriveAndWait();
                }
            }
            if (resetAt >= 0) {
                throw reset(target);
            }
            byte[] received = md5.digest();
            if (!MessageDigest.isEqual(announced, received)) {
                throw error(400, "InvalidDigest", "the body's MD5 differs from the Content-MD5 read before it was"
                        + " sent (the file changed); nothing was stored", target);
            }
            return new Body(bytes, HexFormat.of().withUpperCase().formatHex(received), crc);
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.FATAL, "LocalReadError",
                    "cannot read " + region + ": " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while held at a gate");
        } finally {
            synchronized (lock) {
                concurrentBodies--;
            }
        }
    }

    /** Positional reads of a body's bytes, from 0 to its length: from its file, or from its buffer. */
    private interface Source extends AutoCloseable {
        /** Reads into {@code dst} from {@code position} within the body; -1 past the end of the file. */
        int read(ByteBuffer dst, long position) throws IOException;

        @Override
        void close() throws IOException;

        static Source open(PartBody body) throws IOException {
            if (body instanceof MemoryBody m) {
                ByteBuffer bytes = m.bytes();
                return new Source() {
                    @Override
                    public int read(ByteBuffer dst, long position) {
                        if (position >= bytes.limit()) {
                            return -1;
                        }
                        int n = (int) Math.min(dst.remaining(), bytes.limit() - position);
                        dst.put(bytes.slice((int) position, n));
                        return n;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            FileRegion region = (FileRegion) body;
            FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ);
            return new Source() {
                @Override
                public int read(ByteBuffer dst, long position) throws IOException {
                    return channel.read(dst, region.offset() + position);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
    }

    private StorageException reset(StorageTarget target) {
        return new StorageException(StorageException.Kind.RETRYABLE, "ConnectionReset",
                "connection reset while sending to " + target.displayName(), null);
    }

    private StorageException error(int status, String code, String message, StorageTarget target) {
        return new StorageException(Fault.kindOf(status, code), code, status, requestId(),
                message + " (" + target.displayName() + ")",
                code.equals("RequestTimeTooSkewed") ? clock.instant() : null, null);
    }

    private String requestId() {
        return String.format("MEM%013d", requests.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static String objectKey(StorageTarget target) {
        return target.bucket() + "\u0000" + target.key();
    }

    private static long partAttemptKey(int partNumber, int attempt) {
        return ((long) partNumber << 32) | attempt;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static String md5Hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(md5().digest(bytes));
    }

    private record Body(byte[] bytes, String md5Hex, long crc) {
    }

    private record StoredPart(int number, byte[] bytes, String md5Hex, long crc) {
    }

    private record StoredObject(byte[] bytes, String etag, long crc, ObjectMetadata metadata) {
    }

    private static final class Upload {
        final String id;
        final String objectKey;
        final ObjectMetadata metadata;
        final TreeMap<Integer, StoredPart> parts = new TreeMap<>();

        Upload(String id, String objectKey, ObjectMetadata metadata) {
            this.id = id;
            this.objectKey = objectKey;
            this.metadata = metadata;
        }
    }
}
