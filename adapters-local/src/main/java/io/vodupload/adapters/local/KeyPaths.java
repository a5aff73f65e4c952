package io.vodupload.adapters.local;

import io.vodupload.ports.StorageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Maps a bucket and key to a path under the store's root, and refuses every one that could lead
 * elsewhere. This class is the local store's whole defence against writing outside its root, so it
 * checks twice: lexically (each segment must be one plain file name) and physically (the deepest part
 * of the path that exists must really lie inside the root, whatever symbolic links it goes through).
 *
 * <p>The physical check guards against links that are already in place; it is not a defence against
 * another process swapping a directory for a link between the check and the write.
 */
final class KeyPaths {

    /** A bucket is one conservative directory name; a leading dot is reserved for the store's own area. */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    /** OSS's limit on a key's length, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1023;
    /** Most file systems' limit on one name, in bytes. */
    static final int MAX_SEGMENT_BYTES = 255;

    private final Path root;
    private final Path realRoot;

    /**
     * @param root     the store's root, absolute and normalised
     * @param realRoot the root with every link resolved
     */
    KeyPaths(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /**
     * The path of object {@code key} in {@code bucket}, after both checks.
     *
     * @throws StorageException FATAL {@code InvalidBucketName} / {@code InvalidObjectName} naming the bad
     *                          value, or {@code LocalIOError} when the check itself cannot read the disk
     */
    Path objectPath(String bucket, String key) {
        Path bucketDir = bucketPath(bucket);
        Path path = bucketDir;
        for (String segment : segments(bucket, key)) {
            path = path.resolve(segment);
        }
        checkInsideRoot(path, bucket, key);
        return path;
    }

    /** The directory of {@code bucket}, after the lexical check. */
    Path bucketPath(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw Errors.fatal("InvalidBucketName", 400, "bucket " + quoted(bucket) + " is not a plain directory"
                    + " name the local store accepts (letters, digits, '.', '_', '-', not starting with '.',"
                    + " at most 255 characters)");
        }
        Path dir = root.resolve(bucket);
        if (!dir.getParent().equals(root)) {
            throw Errors.fatal("InvalidBucketName", 400, "bucket " + quoted(bucket) + " does not name a directory"
                    + " directly inside the store's root");
        }
        return dir;
    }

    /**
     * Checks that the deepest existing part of {@code path} (following links) lies inside the root, so
     * that whatever is created below it is inside too.
     */
    void checkInsideRoot(Path path, String bucket, String key) {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(root)) {
            throw outside(bucket, key, "it does not lie under the root");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            // a dangling link (or one we may not follow) could lead anywhere once something is created there
            throw outside(bucket, key, existing + " is a symbolic link that cannot be resolved (dangling, or"
                    + " it may not be followed)");
        }
        if (!real.startsWith(realRoot)) {
            throw outside(bucket, key, existing + " is or goes through a symbolic link that leads to " + real
                    + ", outside the store");
        }
    }

    private String[] segments(String bucket, String key) {
        if (key.isEmpty()) {
            throw invalidKey(bucket, key, "it is empty");
        }
        if (key.indexOf('\0') >= 0) {
            throw invalidKey(bucket, key, "it contains a NUL character");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalidKey(bucket, key, "it is longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            throw invalidKey(bucket, key, "it is an absolute path");
        }
        String[] segments = key.split("/", -1);
        FileSystem fs = root.getFileSystem();
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw invalidKey(bucket, key, "it has an empty path segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalidKey(bucket, key, "it has a '" + segment + "' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw invalidKey(bucket, key, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            Path single;
            try {
                single = fs.getPath(segment);
            } catch (InvalidPathException e) {
                throw invalidKey(bucket, key, "segment " + quoted(segment) + " is not a valid file name here");
            }
            // on platforms with other separators or drive letters ("C:", "a\\b"), one segment could be several
            if (single.isAbsolute() || single.getRoot() != null || single.getNameCount() != 1
                    || !single.getFileName().toString().equals(segment)) {
                throw invalidKey(bucket, key, "segment " + quoted(segment) + " is not a single file name here");
            }
        }
        return segments;
    }

    private static StorageException invalidKey(String bucket, String key, String why) {
        return Errors.fatal("InvalidObjectName", 400, "key " + quoted(key) + " in bucket " + quoted(bucket)
                + " is refused by the local store: " + why);
    }

    private static StorageException outside(String bucket, String key, String why) {
        return Errors.fatal("InvalidObjectName", 400, "key " + quoted(key) + " in bucket " + quoted(bucket)
                + " would resolve outside the local store's root: " + why);
    }

    static String quoted(String s) {
        return "'" + Errors.printable(s) + "'";
    }
}
