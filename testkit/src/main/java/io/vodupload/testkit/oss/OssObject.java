package io.vodupload.testkit.oss;

import io.vodupload.ports.Crc64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An object the {@link OssServer} stores, as tests see it: length, CRC-64, ETag, type and — in
 * {@link StorageMode#FULL} — the content. Immutable; a later PutObject or Complete on the same key makes
 * a new one.
 */
public final class OssObject {

    private final String bucket;
    private final String key;
    private final long length;
    private final long crc64;
    private final String etag;
    private final byte[] md5;
    private final String objectType;
    private final String contentType;
    private final Map<String, String> userMetadata;
    private final String storageClass;
    private final String acl;
    private final Instant lastModified;
    private final List<ByteChunks> content;

    OssObject(String bucket, String key, long length, long crc64, String etag, byte[] md5, String objectType,
            ObjectStore.Attributes attributes, Instant lastModified, List<ByteChunks> content) {
        this.bucket = bucket;
        this.key = key;
        this.length = length;
        this.crc64 = crc64;
        this.etag = etag;
        this.md5 = md5 == null ? null : md5.clone();
        this.objectType = objectType;
        this.contentType = attributes.contentType();
        this.userMetadata = Collections.unmodifiableMap(attributes.meta());
        this.storageClass = attributes.storageClass();
        this.acl = attributes.acl();
        this.lastModified = lastModified;
        this.content = content == null ? null : List.copyOf(content);
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public long length() {
        return length;
    }

    /** The CRC-64/ECMA of the content, as the server computed it from what it received. */
    public long crc64() {
        return crc64;
    }

    /** The CRC as the {@code x-oss-hash-crc64ecma} header carries it. */
    public String crc64Header() {
        return Crc64.toUnsignedString(crc64);
    }

    /** The ETag with its quotes: the content MD5 for PutObject, {@code "<md5 of part md5s>-<n>"} for multipart. */
    public String etag() {
        return etag;
    }

    /** Base64 of the content MD5, for objects made by PutObject; empty for multipart objects (as OSS). */
    public Optional<String> contentMd5() {
        return md5 == null ? Optional.empty() : Optional.of(Base64.getEncoder().encodeToString(md5));
    }

    /** {@code Normal} (PutObject) or {@code Multipart}. */
    public String objectType() {
        return objectType;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code x-oss-meta-*} values by lowercase name without the prefix. */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    /** The {@code x-oss-storage-class} it was created with; {@code Standard} when none was sent. */
    public String storageClass() {
        return storageClass;
    }

    /**
     * The {@code x-oss-object-acl} it was created with (PutObject, or CompleteMultipartUpload, else
     * InitiateMultipartUpload); {@code default} (the bucket's) when none was sent. HEAD and GET do not
     * return it, as OSS does not.
     */
    public String acl() {
        return acl;
    }

    public Instant lastModified() {
        return lastModified;
    }

    /** Whether the content was kept ({@link StorageMode#FULL}). */
    public boolean hasContent() {
        return content != null;
    }

    /**
     * Streams the content.
     *
     * @throws IllegalStateException in {@link StorageMode#CHECKSUM_ONLY}, which keeps no content
     */
    public InputStream openContent() {
        if (content == null) {
            throw new IllegalStateException("the server runs in CHECKSUM_ONLY mode and kept no content of " + bucket + "/" + key);
        }
        // one flat enumeration, not nested pairs: an object may have 10000 parts
        return new SequenceInputStream(Collections.enumeration(content.stream().map(ByteChunks::open).toList()));
    }

    /**
     * The content as one array.
     *
     * @throws IllegalStateException in {@link StorageMode#CHECKSUM_ONLY}, or when the object exceeds 2 GiB
     */
    public byte[] bytes() {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("object too large for one array: " + length + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
        try (InputStream in = openContent()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    List<ByteChunks> chunks() {
        return content;
    }

    @Override
    public String toString() {
        return "OssObject[" + bucket + "/" + key + ", " + length + " bytes, " + objectType + ", etag " + etag
                + ", crc64 " + crc64Header() + "]";
    }
}
