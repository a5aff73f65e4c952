package io.vodupload.batch;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A batch to enqueue: its id, the settings every file is uploaded with, and its files.
 *
 * @param batchId  a stable id chosen by the caller (the same command again is the same batch); 1..64
 *                 characters of letters, digits, {@code -} and {@code _}
 * @param settings the target and upload options in the caller's own vocabulary, stored as JSON with each
 *                 task and handed back in {@link FileTask#settings()}; opaque to this module. Never a
 *                 secret: {@link BatchQueue#submit} refuses a name that looks like one.
 * @param files    the files; keys unique within the batch
 */
public record BatchSubmission(String batchId, Map<String, String> settings, List<BatchFile> files) {

    public BatchSubmission {
        BatchIds.check(batchId);
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        Set<String> keys = new HashSet<>();
        for (BatchFile f : files) {
            if (!keys.add(f.key())) {
                throw new IllegalArgumentException("key appears twice in batch " + batchId + ": " + f.key());
            }
        }
    }
}
