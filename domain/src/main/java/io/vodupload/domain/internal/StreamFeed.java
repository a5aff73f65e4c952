package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.ports.MemoryBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a stream into part-sized buffers of a {@link BufferPool} and hands each part to the machine
 * ({@link Event.PartRead}); the {@link Engine} sends a part from its buffer (again after a retry) and gives
 * the buffer back once the machine has the part stored. One reader per upload, on the I/O executor; it
 * waits for a free buffer, so memory stays within the pool's parts.
 *
 * <p>The first part is read before the upload starts: a stream that ends within it goes in one PutObject.
 * Every full part is followed by a one-byte look-ahead, so the part that ends the stream is known as such
 * and Complete goes out right after it is stored.
 *
 * <p>Part sizes: the plan's fixed size when the size was known up front ({@link PartPlan#of}), otherwise
 * {@link PartPlan#streamPartSize}'s schedule. A known size that the stream does not have fails
 * {@code StreamSizeMismatch} as soon as it shows.
 *
 * <p>Thread-safe: the reader thread, the storage calls and the engine's transitions meet under its lock.
 */
final class StreamFeed {

    private static final System.Logger LOG = System.getLogger(StreamFeed.class.getName());

    private final InputStream in;
    private final String description;
    private final OptionalLong expected;
    private final PartPlan plan;
    private final BufferPool pool;
    /** Parts read and not yet given back, by number. */
    private final Map<Integer, Slot> slots = new HashMap<>();
    private boolean closed;

    /** A part's buffer: lent to the storage calls sending it; back to the pool once stored and unused. */
    private static final class Slot {
        final ByteBuffer buffer;
        int users;
        boolean stored;

        Slot(ByteBuffer buffer) {
            this.buffer = buffer;
        }
    }

    StreamFeed(InputStream in, String description, OptionalLong expected, PartPlan plan, BufferPool pool) {
        this.in = in;
        this.description = description;
        this.expected = expected;
        this.plan = plan;
        this.pool = pool;
    }

    /** The pool, for tests that count buffers. */
    BufferPool pool() {
        return pool;
    }

    /**
     * Reads the stream to its end, firing a {@link Event.PartRead} for each part and {@code start} right
     * after the first; a read failure or a size that differs from the one given fires
     * {@link Event.SourceFailed}. Returns when the stream has ended, failed, or the upload ended (the pool
     * closed, or the thread interrupted).
     */
    void read(Consumer<Event> fire, Runnable start) {
        boolean started = false;
        int carry = -1;
        long offset = 0;
        try {
            for (int number = 1; ; number++) {
                if (number > PartPlan.MAX_PARTS) {
                    fire.accept(new Event.SourceFailed(ErrorCode.STREAM_UNREADABLE.code(), description
                            + " is longer than 10,000 parts can hold (" + offset + " bytes read); give its size"
                            + " or a larger part size"));
                    return;
                }
                long size = plan.lengthUnknown() ? PartPlan.streamPartSize(plan.partSize(), number) : plan.partSize();
                ByteBuffer buffer = pool.take((int) size);
                byte[] bytes = buffer.array();
                int filled = 0;
                if (carry >= 0) {
                    bytes[0] = (byte) carry;
                    filled = 1;
                    carry = -1;
                }
                filled += in.readNBytes(bytes, filled, (int) size - filled);
                boolean last = filled < size;
                if (!last) {
                    carry = in.read(); // the look-ahead: does the stream end with this part?
                    last = carry < 0;
                }
                long total = offset + filled;
                if (expected.isPresent() && (last ? total != expected.getAsLong() : total >= expected.getAsLong())) {
                    pool.give(buffer);
                    fire.accept(new Event.SourceFailed(ErrorCode.STREAM_SIZE_MISMATCH.code(), description + (last
                            ? " ended after " + total + " bytes" : " has more than " + total + " bytes")
                            + ", but its size was given as " + expected.getAsLong()));
                    return;
                }
                buffer.limit(filled);
                if (!keep(number, buffer)) {
                    return; // the upload ended while the part was read
                }
                fire.accept(new Event.PartRead(new PartPlan.Part(number, offset, filled), last));
                if (!started) {
                    started = true;
                    start.run();
                }
                if (last) {
                    return;
                }
                offset = total;
            }
        } catch (IOException e) {
            fire.accept(new Event.SourceFailed(ErrorCode.STREAM_UNREADABLE.code(), "cannot read " + description
                    + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the upload ended: nothing to tell
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "reading " + description + " failed", e);
            fire.accept(new Event.SourceFailed(ErrorCode.UNEXPECTED_ERROR.code(), "reading " + description
                    + " failed: " + e.getClass().getName()));
        } finally {
            if (!started) {
                start.run(); // the start (or a failure fired above) still ends the upload properly
            }
        }
    }

    private synchronized boolean keep(int number, ByteBuffer buffer) {
        if (closed) {
            pool.give(buffer);
            return false;
        }
        slots.put(number, new Slot(buffer));
        return true;
    }

    /** Lends part {@code number}'s bytes to a storage call; {@link #giveBack} when the call returns. */
    synchronized MemoryBody borrow(int number) {
        Slot slot = slots.get(number);
        if (slot == null) {
            throw new IllegalStateException("part " + number + " is not in memory");
        }
        slot.users++;
        return MemoryBody.of(slot.buffer.duplicate().position(0));
    }

    /** A storage call that had part {@code number} returned. */
    synchronized void giveBack(int number) {
        Slot slot = slots.get(number);
        if (slot != null) {
            slot.users--;
            release(number, slot);
        }
    }

    /**
     * Storage holds the parts {@code stored} (the machine's finished parts): their buffers can go, once no
     * call still reads them. Only those: a part read but not yet handed to the machine is in no set yet.
     */
    synchronized void release(Set<Integer> stored) {
        for (Integer number : List.copyOf(slots.keySet())) {
            if (stored.contains(number)) {
                Slot slot = slots.get(number);
                slot.stored = true;
                release(number, slot);
            }
        }
    }

    private void release(int number, Slot slot) {
        if (slot.stored && slot.users == 0) {
            slots.remove(number);
            pool.give(slot.buffer);
        }
    }

    /** The upload ended: the reader stops, the source is closed, the buffers are dropped. Idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            slots.clear();
        }
        pool.close();
        try {
            in.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0} failed: {1}", description, e.getMessage());
        }
    }
}
