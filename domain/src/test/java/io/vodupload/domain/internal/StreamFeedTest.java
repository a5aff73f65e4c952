package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The stream's reader and its buffer pool, without storage: the schedule, the bound, the reuse. */
class StreamFeedTest {

    private static final long PART = 100 * 1024;
    private static final long MIB = 1024 * 1024;

    @ParameterizedTest
    @CsvSource({
            "1,     8, 8",
            "1000,  8, 8",
            "1001,  8, 16",
            "2000,  8, 16",
            "2001,  8, 32",
            "8000,  8, 1024",
            "8001,  8, 1024",
            "10000, 8, 1024",
            "10000, 1024, 1024",
            "10000, 1, 512",
    })
    void streamPartSize_scheduleDoublesEveryThousandPartsUpToOneGib(int number, long baseMib, long expectedMib) {
        assertThat(PartPlan.streamPartSize(baseMib * MIB, number)).isEqualTo(expectedMib * MIB);
    }

    @Test
    void maxStreamSize_defaultPartSize_isAboutFourTebibytes() {
        // 1000 x (8 + 16 + 32 + 64 + 128 + 256 + 512 + 1024 + 1024 + 1024) MiB
        assertThat(PartPlan.maxStreamSize(8 * MIB)).isEqualTo(1000L * 4088 * MIB);
    }

    @Test
    void read_manyPartsWithTwoInFlight_allocatesOnlyThePoolsBuffers() {
        int parts = 50;
        byte[] data = new byte[(int) (parts * PART)];
        BufferPool pool = new BufferPool(3);
        StreamFeed feed = new StreamFeed(new ByteArrayInputStream(data), "test", OptionalLong.empty(),
                PartPlan.unknownLength(PART), pool);
        List<Event.PartRead> read = new ArrayList<>();
        TreeSet<Integer> held = new TreeSet<>();
        AtomicInteger started = new AtomicInteger();

        feed.read(event -> {
            Event.PartRead r = (Event.PartRead) event;
            read.add(r);
            held.add(r.part().number());
            if (held.size() == 3) { // storage holds the oldest part: its buffer goes back
                feed.release(Set.of(held.pollFirst()));
            }
        }, started::incrementAndGet);

        assertThat(read).hasSize(parts);
        assertThat(read.get(parts - 1).last()).isTrue();
        assertThat(read.subList(0, parts - 1)).noneMatch(Event.PartRead::last);
        assertThat(started.get()).isEqualTo(1);
        assertThat(pool.allocations()).as("buffers allocated for 50 parts").isEqualTo(3);
        assertThat(pool.peakLent()).isEqualTo(3);
    }

    @Test
    void borrow_partStoredWhileAnEarlierAttemptStillSends_keepsTheBufferUntilItReturns() throws Exception {
        BufferPool pool = new BufferPool(1);
        StreamFeed feed = new StreamFeed(new ByteArrayInputStream(new byte[10]), "test", OptionalLong.empty(),
                PartPlan.unknownLength(PART), pool);
        feed.read(event -> { }, () -> { });

        feed.borrow(1);
        feed.release(Set.of(1));

        assertThat(pool.peakLent()).isEqualTo(1);
        Thread taker = new Thread(() -> {
            try {
                pool.take(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        taker.join(200);
        assertThat(taker.isAlive()).as("the buffer is still lent to the attempt").isTrue();
        feed.giveBack(1);
        taker.join(20_000);
        assertThat(taker.isAlive()).isFalse();
    }

    @Test
    void release_partReadButNotYetHandedToTheMachine_keepsItsBuffer() {
        BufferPool pool = new BufferPool(2);
        StreamFeed feed = new StreamFeed(new ByteArrayInputStream(new byte[(int) (2 * PART)]), "test",
                OptionalLong.empty(), PartPlan.unknownLength(PART), pool);
        List<Integer> sent = new ArrayList<>();

        // another transition releases what storage holds (nothing yet) while part 2 is read: it must stay
        feed.read(event -> {
            feed.release(Set.of());
            Event.PartRead r = (Event.PartRead) event;
            sent.add(feed.borrow(r.part().number()).bytes().remaining());
        }, () -> { });

        assertThat(sent).containsExactly((int) PART, (int) PART);
    }

    @Test
    void read_sizeGivenExactly_endsWithTheLastPlannedPart() {
        byte[] data = new byte[(int) (2 * PART + 1)];
        StreamFeed feed = new StreamFeed(new ByteArrayInputStream(data), "test", OptionalLong.of(data.length),
                PartPlan.of(data.length, PART), new BufferPool(4));
        List<Event> events = new ArrayList<>();

        feed.read(events::add, () -> { });

        assertThat(events).hasSize(3).allMatch(Event.PartRead.class::isInstance);
        assertThat(((Event.PartRead) events.get(2)).part()).isEqualTo(new PartPlan.Part(3, 2 * PART, 1));
        assertThat(((Event.PartRead) events.get(2)).last()).isTrue();
    }
}
