package io.vodupload.testkit.oss;

import io.vodupload.ports.Crc64;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's state: buckets, objects and multipart uploads, with OSS's multipart rules (part numbers
 * 1–10000, re-upload overwrites, Complete checks order, ETags and the 100 KiB minimum). Thread-safe: the
 * maps are concurrent and each upload is locked while a part is added or it is completed, so a Complete
 * and a late part (or two Completes) never both win.
 */
final class ObjectStore {

    static final int MAX_PART_NUMBER = 10_000;
    static final long MIN_PART_SIZE = 100 * 1024;

    /** One uploaded part. {@code data} is null in {@link StorageMode#CHECKSUM_ONLY}. */
    record StoredPart(int number, long size, byte[] md5, long crc64, Instant lastModified, ByteChunks data) {
        String etag() {
            return "\"" + OssCodec.hexUpper(md5) + "\"";
        }
    }

    /**
     * What a PutObject or InitiateMultipartUpload sets on the object besides its content.
     *
     * @param meta {@code x-oss-meta-*} values by lower-case name without the prefix
     */
    record Attributes(String contentType, Map<String, String> meta, String storageClass, String acl) {
        Attributes {
            meta = Map.copyOf(meta);
        }

        Attributes withAcl(String value) {
            return new Attributes(contentType, meta, storageClass, value);
        }
    }

    /** One multipart upload in progress. */
    static final class Upload {
        final String bucket;
        final String key;
        final String id;
        final Attributes attributes;
        final Instant initiated;
        private final TreeMap<Integer, StoredPart> parts = new TreeMap<>();
        private boolean closed;

        Upload(String bucket, String key, String id, Attributes attributes, Instant initiated) {
            this.bucket = bucket;
            this.key = key;
            this.id = id;
            this.attributes = attributes;
            this.initiated = initiated;
        }

        synchronized List<StoredPart> parts() {
            return new ArrayList<>(parts.values());
        }
    }

    private final Set<String> buckets;
    private final StorageMode mode;
    private final Map<String, OssObject> objects = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    ObjectStore(Set<String> buckets, StorageMode mode) {
        this.buckets = Set.copyOf(buckets);
        this.mode = mode;
    }

    StorageMode mode() {
        return mode;
    }

    Set<String> buckets() {
        return buckets;
    }

    boolean hasBucket(String bucket) {
        return buckets.contains(bucket);
    }

    private static String id(String bucket, String key) {
        return bucket + "/" + key;
    }

    Optional<OssObject> object(String bucket, String key) {
        return Optional.ofNullable(objects.get(id(bucket, key)));
    }

    OssObject put(String bucket, String key, Body body, Attributes attributes, Instant now, boolean forbidOverwrite) {
        OssObject o = new OssObject(bucket, key, body.length(), body.crc64(), "\"" + OssCodec.hexUpper(body.md5()) + "\"",
                body.md5(), "Normal", attributes, now, body.data().map(List::of).orElse(null));
        store(o, forbidOverwrite);
        return o;
    }

    private void store(OssObject o, boolean forbidOverwrite) {
        String id = id(o.bucket(), o.key());
        if (forbidOverwrite) {
            if (objects.putIfAbsent(id, o) != null) {
                throw fileAlreadyExists();
            }
        } else {
            objects.put(id, o);
        }
    }

    boolean delete(String bucket, String key) {
        return objects.remove(id(bucket, key)) != null;
    }

    Upload initiate(String bucket, String key, Attributes attributes, Instant now, boolean forbidOverwrite) {
        if (forbidOverwrite && objects.containsKey(id(bucket, key))) {
            throw fileAlreadyExists();
        }
        String uploadId = HexFormat.of().withUpperCase().formatHex(uuidBytes());
        Upload u = new Upload(bucket, key, uploadId, attributes, now);
        uploads.put(uploadId, u);
        return u;
    }

    private static byte[] uuidBytes() {
        UUID u = UUID.randomUUID();
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
            b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return b;
    }

    /** The live upload {@code uploadId} of exactly this bucket and key. */
    Upload upload(String uploadId, String bucket, String key) {
        Upload u = uploads.get(uploadId);
        if (u == null || !u.bucket.equals(bucket) || !u.key.equals(key)) {
            throw OssError.noSuchUpload(uploadId);
        }
        return u;
    }

    StoredPart putPart(Upload u, int partNumber, Body body, Instant now) {
        StoredPart p = new StoredPart(partNumber, body.length(), body.md5(), body.crc64(), now, body.data().orElse(null));
        synchronized (u) {
            if (u.closed) {
                throw OssError.noSuchUpload(u.id);
            }
            u.parts.put(partNumber, p);
        }
        return p;
    }

    /**
     * Completes {@code u} with {@code refs} (or, when null, every uploaded part: {@code x-oss-complete-all}).
     * {@code acl}, when not null, is the Complete's {@code x-oss-object-acl}: it wins over the Initiate's.
     *
     * @throws OssError InvalidPartOrder, InvalidPart, EntityTooSmall, NoSuchUpload, FileAlreadyExists
     */
    OssObject complete(Upload u, List<OssXml.PartRef> refs, String acl, Instant now, boolean forbidOverwrite) {
        OssObject o;
        synchronized (u) {
            if (u.closed) {
                throw OssError.noSuchUpload(u.id);
            }
            List<StoredPart> chosen = new ArrayList<>();
            if (refs == null) {
                chosen.addAll(u.parts.values());
                if (chosen.isEmpty()) {
                    throw new OssError(400, "InvalidPart", "There are no parts to complete upload " + u.id + ".");
                }
            } else {
                int previous = 0;
                for (OssXml.PartRef ref : refs) {
                    if (ref.partNumber() <= previous) {
                        throw new OssError(400, "InvalidPartOrder",
                                "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
                                null, Map.of("PartNumber", Integer.toString(ref.partNumber())));
                    }
                    previous = ref.partNumber();
                }
                for (OssXml.PartRef ref : refs) {
                    StoredPart p = u.parts.get(ref.partNumber());
                    if (p == null || !OssCodec.hexUpper(p.md5()).equalsIgnoreCase(ref.etag())) {
                        throw new OssError(400, "InvalidPart",
                                "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
                                null, Map.of("PartNumber", Integer.toString(ref.partNumber()), "ETag", ref.etag()));
                    }
                    chosen.add(p);
                }
            }
            for (int i = 0; i < chosen.size() - 1; i++) {
                StoredPart p = chosen.get(i);
                if (p.size() < MIN_PART_SIZE) {
                    throw new OssError(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size.",
                            null, Map.of("PartNumber", Integer.toString(p.number()), "ProposedSize", Long.toString(p.size()),
                                    "MinSizeAllowed", Long.toString(MIN_PART_SIZE)));
                }
            }
            long length = 0;
            long crc = 0;
            MessageDigest md5OfMd5s = Body.newMd5();
            List<ByteChunks> content = mode == StorageMode.FULL ? new ArrayList<>() : null;
            for (StoredPart p : chosen) {
                crc = Crc64.combine(crc, p.crc64(), p.size());
                length += p.size();
                md5OfMd5s.update(p.md5());
                if (content != null) {
                    content.add(p.data());
                }
            }
            String etag = "\"" + OssCodec.hexUpper(md5OfMd5s.digest()) + "-" + chosen.size() + "\"";
            o = new OssObject(u.bucket, u.key, length, crc, etag, null, "Multipart",
                    acl == null ? u.attributes : u.attributes.withAcl(acl), now, content);
            if (forbidOverwrite && objects.containsKey(id(u.bucket, u.key))) {
                throw fileAlreadyExists();
            }
            u.closed = true;
            uploads.remove(u.id);
        }
        store(o, false);
        return o;
    }

    void abort(Upload u) {
        synchronized (u) {
            if (u.closed) {
                throw OssError.noSuchUpload(u.id);
            }
            u.closed = true;
            uploads.remove(u.id);
        }
    }

    /** Drops {@code uploadId} as if it had been aborted elsewhere; returns whether it existed. */
    boolean forget(String uploadId) {
        Upload u = uploads.remove(uploadId);
        if (u == null) {
            return false;
        }
        synchronized (u) {
            u.closed = true;
        }
        return true;
    }

    Set<String> uploadIds() {
        return Set.copyOf(uploads.keySet());
    }

    Optional<SortedSet<Integer>> partNumbers(String uploadId) {
        Upload u = uploads.get(uploadId);
        if (u == null) {
            return Optional.empty();
        }
        SortedSet<Integer> numbers = new TreeSet<>();
        u.parts().forEach(p -> numbers.add(p.number()));
        return Optional.of(numbers);
    }

    private static OssError fileAlreadyExists() {
        return new OssError(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
    }
}
