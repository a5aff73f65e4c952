package io.vodupload.batch;

import java.util.Map;

/**
 * The data of one file's task in db-scheduler's table, stored as JSON ({@link JsonTaskData}): everything a
 * worker needs to upload the file, never a secret. Immutable.
 */
record FileWork(String batchId, String source, String key, long length, long modifiedMillis, long changedMillis,
                Map<String, String> vodInfo, Map<String, String> settings) {

    FileWork {
        vodInfo = Map.copyOf(vodInfo == null ? Map.of() : vodInfo);
        settings = Map.copyOf(settings == null ? Map.of() : settings);
    }

    static FileWork of(String batchId, BatchFile file, Map<String, String> settings) {
        return new FileWork(batchId, file.source(), file.key(), file.length(), file.modifiedMillis(),
                file.changedMillis(), file.vodInfo(), settings);
    }

    BatchFile file() {
        return new BatchFile(source, key, length, modifiedMillis, changedMillis, vodInfo);
    }
}
