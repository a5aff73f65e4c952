package io.vodupload.batch;

/**
 * What a {@link FileUploader} may tell the queue while a file is in flight. Thread-safe.
 */
public interface FileTaskContext {

    /**
     * Records the VOD video id this file got, at once, so that a worker that takes the file over after a
     * crash refreshes that video instead of creating a second one.
     */
    void videoId(String videoId);
}
