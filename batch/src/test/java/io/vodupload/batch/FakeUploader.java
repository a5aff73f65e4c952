package io.vodupload.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link FileUploader} for tests: each key's behaviour is scripted (succeed by default), and every call
 * is recorded with its attempt and video id.
 */
final class FakeUploader implements FileUploader {

    /** What one call does. */
    @FunctionalInterface
    interface Behaviour {
        FileOutcome upload(FileTask task, FileTaskContext context) throws InterruptedException;
    }

    /** One recorded call. */
    record Call(String batchId, String key, int attempt, Optional<String> videoId, String thread) {
    }

    private final Map<String, Behaviour> byKey = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Behaviour otherwise = (task, context) -> new FileOutcome.Succeeded(task.file().length(),
            Optional.empty());

    FakeUploader on(String key, Behaviour behaviour) {
        byKey.put(key, behaviour);
        return this;
    }

    FakeUploader otherwise(Behaviour behaviour) {
        this.otherwise = behaviour;
        return this;
    }

    @Override
    public FileOutcome upload(FileTask task, FileTaskContext context) throws InterruptedException {
        calls.add(new Call(task.batchId(), task.file().key(), task.attempt(), task.videoId(),
                Thread.currentThread().getName()));
        return byKey.getOrDefault(task.file().key(), otherwise).upload(task, context);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> keys() {
        return calls.stream().map(Call::key).toList();
    }

    static FileOutcome.Failed retryable(String code) {
        return new FileOutcome.Failed(code, "scripted failure " + code, true, Optional.empty());
    }
}
