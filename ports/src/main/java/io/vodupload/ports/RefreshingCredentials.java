package io.vodupload.ports;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/** {@link CredentialsProvider#refreshing}: one call of the source at a time, its last answer cached. */
final class RefreshingCredentials implements CredentialsProvider {

    private final Callable<Credentials> source;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Credentials last;

    RefreshingCredentials(Callable<Credentials> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public Credentials current() {
        Credentials now = last;
        if (now != null) {
            return now;
        }
        lock.lock();
        try {
            if (last == null) {
                last = fetch();
            }
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while getting credentials", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (last != null && !last.equals(expired)) {
                return Optional.of(last); // another refresh already replaced them
            }
            last = fetch();
            return Optional.of(last);
        } finally {
            lock.unlock();
        }
    }

    private Credentials fetch() throws InterruptedException {
        Credentials fresh;
        try {
            fresh = source.call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the credentials source failed: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (fresh == null) {
            throw new IllegalStateException("the credentials source returned null");
        }
        return fresh;
    }

    @Override
    public String toString() {
        return "CredentialsProvider.refreshing(" + (last == null ? "not fetched" : last) + ")";
    }
}
