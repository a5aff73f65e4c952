package io.vodupload.cli.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.cli.options.VodApiSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers which VOD video an unfinished {@code --vod-region} upload of a file created, so that rerunning
 * the same command asks {@code RefreshUploadVideo} for that video (same UploadAddress, so the checkpoint
 * matches and the upload resumes) instead of creating a second video. One small JSON file per file and
 * region under {@code <checkpoint-dir>/vod-sessions/}, owner-only, holding the VideoId and nothing secret;
 * removed when the upload succeeds.
 *
 * <p>A session is keyed by the file's canonical path, length and modification time, and the VOD region and
 * endpoint: a changed file gets a new video. Not thread-safe (one upload per command run).
 */
final class VodSessions {

    private final Path directory;
    private final ObjectMapper mapper;

    VodSessions(Path checkpointDir, ObjectMapper mapper) {
        this.directory = checkpointDir.resolve("vod-sessions");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The key of {@code file} uploaded through {@code settings}. */
    static String key(Path file, VodApiSettings settings) {
        try {
            Path real = file.toRealPath();
            String identity = real + "\n" + Files.size(real) + "\n" + Files.getLastModifiedTime(real).toMillis()
                    + "\n" + settings.region() + "\n" + settings.effectiveEndpoint();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The VideoId remembered under {@code key}; empty when none (or the file is unreadable). */
    Optional<String> find(String key) {
        Path p = directory.resolve(key + ".json");
        try {
            JsonNode node = mapper.readTree(Files.readString(p));
            JsonNode id = node.get("videoId");
            return id != null && id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Remembers {@code videoId} for {@code file} under {@code key}. */
    void save(String key, String videoId, Path file) {
        ObjectNode node = mapper.createObjectNode();
        node.put("videoId", videoId);
        node.put("file", file.toString());
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, key, ".tmp");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, mapper.writeValueAsString(node));
                try {
                    Files.move(tmp, directory.resolve(key + ".json"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, directory.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remember the VOD video in " + directory, e);
        }
    }

    /** Forgets {@code key}; no error when absent. */
    void remove(String key) {
        try {
            Files.deleteIfExists(directory.resolve(key + ".json"));
        } catch (IOException e) {
            // a stale session only means the next run refreshes a finished video's credentials
        }
    }

    private static void setOwnerOnly(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }
}
