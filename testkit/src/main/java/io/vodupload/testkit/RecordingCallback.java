package io.vodupload.testkit;

import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An {@link UploadCallback} that records every event in order, with the thread it came on, so that tests
 * can wait for the end ({@link #awaitTerminal}) and check the contract ({@link #assertWellFormed}).
 *
 * <p>An optional reaction ({@link #onEvent}) runs inside the callback after the event is recorded, on
 * the callback thread, so a test can pause, cancel or refresh at a precise moment.
 *
 * <p>Thread-safe. It also notices when two callbacks run at the same time ({@link #overlapped()}).
 */
public final class RecordingCallback implements UploadCallback {

    /** One recorded callback. */
    public sealed interface Event permits Started, Progress, Retry, RetryResume, TokenExpired, Success, Failed,
            Canceled {
        /** Whether this is a terminal callback (success, failed, canceled). */
        default boolean terminal() {
            return false;
        }
    }

    /** {@code onUploadStarted}. */
    public record Started(UploadStarted info) implements Event {
    }

    /** {@code onUploadProgress}. */
    public record Progress(long uploaded, long total) implements Event {
    }

    /** {@code onUploadRetry}. */
    public record Retry(String code, String message) implements Event {
    }

    /** {@code onUploadRetryResume}. */
    public record RetryResume() implements Event {
    }

    /** {@code onUploadTokenExpired}. */
    public record TokenExpired() implements Event {
    }

    /** {@code onUploadSuccess}. */
    public record Success(UploadResult result) implements Event {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code onUploadFailed}. */
    public record Failed(String code, String message) implements Event {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code onUploadCanceled}. */
    public record Canceled() implements Event {
        @Override
        public boolean terminal() {
            return true;
        }
    }

    private final Object lock = new Object();
    private final List<Event> events = new ArrayList<>();
    private final Set<String> threads = new LinkedHashSet<>();
    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean overlapped;
    private volatile Consumer<Event> reaction = e -> { };

    /** Runs {@code reaction} inside every later callback, after recording it. */
    public RecordingCallback onEvent(Consumer<Event> newReaction) {
        this.reaction = Objects.requireNonNull(newReaction, "reaction");
        return this;
    }

    @Override
    public void onUploadStarted(UploadStarted info) {
        record(new Started(info));
    }

    @Override
    public void onUploadProgress(long uploadedSize, long totalSize) {
        record(new Progress(uploadedSize, totalSize));
    }

    @Override
    public void onUploadRetry(String code, String message) {
        record(new Retry(code, message));
    }

    @Override
    public void onUploadRetryResume() {
        record(new RetryResume());
    }

    @Override
    public void onUploadTokenExpired() {
        record(new TokenExpired());
    }

    @Override
    public void onUploadSuccess(UploadResult result) {
        record(new Success(result));
    }

    @Override
    public void onUploadFailed(String code, String message) {
        record(new Failed(code, message));
    }

    @Override
    public void onUploadCanceled() {
        record(new Canceled());
    }

    private void record(Event event) {
        if (inside.incrementAndGet() > 1) {
            overlapped = true;
        }
        try {
            synchronized (lock) {
                events.add(event);
                threads.add(Thread.currentThread().getName());
                lock.notifyAll();
            }
            reaction.accept(event);
        } finally {
            inside.decrementAndGet();
        }
    }

    /** Every event so far, in order. */
    public List<Event> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** The events of one type, in order. */
    public <T extends Event> List<T> eventsOf(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The simple names of the events, in order ({@code Started}, {@code Progress}, ...). */
    public List<String> names() {
        return events().stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    /** {@link #names()} without {@code Progress}. */
    public List<String> namesWithoutProgress() {
        return names().stream().filter(n -> !n.equals("Progress")).toList();
    }

    /** The names of the threads callbacks came on. */
    public Set<String> threadNames() {
        synchronized (lock) {
            return Set.copyOf(threads);
        }
    }

    /** Whether two callbacks ever ran at the same time. */
    public boolean overlapped() {
        return overlapped;
    }

    /** How many terminal events arrived. */
    public long terminalCount() {
        return events().stream().filter(Event::terminal).count();
    }

    /**
     * Waits for the terminal event.
     *
     * @throws AssertionError when none arrives within {@code timeout}
     */
    public Event awaitTerminal(Duration timeout) throws InterruptedException {
        return await(Event::terminal, "a terminal event", timeout);
    }

    /**
     * Waits for the first event of {@code type}.
     *
     * @throws AssertionError when none arrives within {@code timeout}
     */
    public <T extends Event> T await(Class<T> type, Duration timeout) throws InterruptedException {
        return type.cast(await(type::isInstance, type.getSimpleName(), timeout));
    }

    private Event await(java.util.function.Predicate<Event> wanted, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (Event e : events) {
                    if (wanted.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeout + "; events: " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /**
     * Checks the callback contract of {@link UploadCallback}: no two callbacks at once, all on one thread;
     * {@code Started} first when it comes at all, and again only after a restart, each time with a new upload
     * id; exactly one terminal event, last; progress never decreasing,
     * never above its total (a total of -1, a stream's unknown length, may become known once), and at the total before a success; {@code RetryResume} only after an
     * unanswered {@code Retry}.
     *
     * @throws AssertionError naming the first breach
     */
    public void assertWellFormed() {
        List<Event> all = events();
        check(!overlapped, "two callbacks ran at the same time", all);
        check(threadNames().size() <= 1, "callbacks came on several threads: " + threadNames(), all);
        long terminals = all.stream().filter(Event::terminal).count();
        check(terminals == 1, "expected exactly one terminal event, got " + terminals, all);
        check(all.get(all.size() - 1).terminal(), "the terminal event is not the last", all);
        List<Started> started = all.stream().filter(Started.class::isInstance).map(Started.class::cast).toList();
        if (!started.isEmpty()) {
            check(all.get(0) instanceof Started, "Started is not the first event", all);
        }
        for (int i = 1; i < started.size(); i++) {
            // a second Started only for an upload started over: a new multipart upload, a new id
            java.util.Optional<String> before = started.get(i - 1).info().uploadId();
            java.util.Optional<String> now = started.get(i).info().uploadId();
            check(now.isPresent() && !now.equals(before), "Started arrived again without a new upload id ("
                    + before.orElse("none") + " then " + now.orElse("none") + ")", all);
        }
        long last = -1;
        long total = -1;
        int openRetries = 0;
        for (Event e : all) {
            if (e instanceof Progress p) {
                check(p.uploaded() >= last, "progress went down from " + last + " to " + p.uploaded(), all);
                // a stream of unknown length reports a total of -1 until its end is read, then its length
                check(p.total() < 0 || p.uploaded() <= p.total(), "progress " + p.uploaded() + " above total "
                        + p.total(), all);
                check(total < 0 || total == p.total(), "progress total changed", all);
                last = p.uploaded();
                total = p.total();
            } else if (e instanceof Retry) {
                check(openRetries == 0, "Retry while a retry episode is already open", all);
                openRetries++;
            } else if (e instanceof RetryResume) {
                check(openRetries == 1, "RetryResume without a Retry before it", all);
                openRetries--;
            } else if (e instanceof Success s) {
                check(last == s.result().size(), "success before progress reached the total ("
                        + last + " of " + s.result().size() + ")", all);
            }
        }
    }

    private static void check(boolean ok, String message, List<Event> all) {
        if (!ok) {
            throw new AssertionError(message + "; events: " + summarise(all));
        }
    }

    private static String summarise(List<Event> all) {
        if (all.size() <= 40) {
            return all.toString();
        }
        return all.subList(0, 20) + " ... " + all.subList(all.size() - 20, all.size());
    }
}
