package io.vodupload.batch;

import java.util.Objects;
import java.util.regex.Pattern;

/** What a batch id may be: it becomes part of a task name, so it is kept to a safe alphabet. */
final class BatchIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private BatchIds() {
    }

    static String check(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        if (!VALID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("batchId is not 1..64 letters, digits, '-' or '_': " + batchId);
        }
        return batchId;
    }
}
