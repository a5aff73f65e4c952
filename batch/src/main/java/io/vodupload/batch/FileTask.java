package io.vodupload.batch;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One file to upload now, as a worker hands it to the {@link FileUploader}.
 *
 * @param batchId  the batch
 * @param file     the file as submitted
 * @param settings the batch's settings as submitted
 * @param videoId  the VOD video id an earlier attempt (in this process or another) got for this file, to
 *                 refresh instead of creating a second video
 * @param attempt  1 for the first try, 2 for the first retry, ...
 */
public record FileTask(String batchId, BatchFile file, Map<String, String> settings, Optional<String> videoId,
                       int attempt) {

    public FileTask {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(file, "file");
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        Objects.requireNonNull(videoId, "videoId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt < 1: " + attempt);
        }
    }
}
