package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The machine with a stream's feed: parts as they are read, the end, and failures of the source. */
class StreamMachineTest {

    private static final long PART = 102_400;
    private static final Spec SPEC = new Spec(new LocalFile.Snapshot(Path.of("-"), -1, 0),
            StorageTarget.of("h", "b", "k"), ObjectMetadata.EMPTY, "stream", PartPlan.unknownLength(PART), 2, 2, 3,
            false, Optional.of(Duration.ofSeconds(1)), Spec.Checks.CRC64_ONLY, true);

    private State state = Live.initial(SPEC);
    private List<Effect> effects;

    private void on(Event e) {
        Transition t = Machine.next(state, e);
        state = t.state();
        effects = t.effects();
    }

    private List<Op> calls() {
        return effects.stream().filter(Effect.Call.class::isInstance).map(e -> ((Effect.Call) e).op()).toList();
    }

    private void read(int n, long size, boolean last) {
        on(new Event.PartRead(new PartPlan.Part(n, (n - 1) * PART, size), last));
    }

    @Test
    void partRead_asTheyComeAndTheEnd_sendsEachThenCompletesAfterTheLast() {
        read(1, PART, false);
        on(new Event.Start(Optional.empty(), List.of()));
        assertThat(calls()).containsExactly(new Op.Initiate(0));
        on(new Event.Initiated(new Op.Initiate(0), "U1"));
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1));

        read(2, 10, true);
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 2));
        assertThat(((Live) state).upload().plan()).isEqualTo(new PartPlan(PART + 10, PART, 2, false, false));
        on(new Event.PartUploaded(new Op.UploadPart(0, 1), PartReceipt.of(1, "E1", PART, 1)));
        assertThat(calls()).isEmpty();
        on(new Event.PartUploaded(new Op.UploadPart(0, 2), PartReceipt.of(2, "E2", 10, 2)));

        assertThat(calls()).containsExactly(new Op.Complete(0));
        assertThat(((Live) state).feed().buffered()).isEmpty();
    }

    @Test
    void sourceFailed_whileTheInitiateIsInFlight_waitsForItsIdAndAbortsIt() {
        read(1, PART, false);
        on(new Event.Start(Optional.empty(), List.of()));

        on(new Event.SourceFailed("StreamSizeMismatch", "standard input ended early"));
        assertThat(state.terminal()).as("the upload to abort is not known yet").isFalse();
        on(new Event.Initiated(new Op.Initiate(0), "U1"));

        assertThat(state).isInstanceOf(State.Failed.class);
        assertThat(calls()).containsExactly(new Op.Abort(0, "U1"));
    }

    @Test
    void sourceFailed_afterTheInitiate_abortsAtOnce() {
        read(1, PART, false);
        on(new Event.Start(Optional.empty(), List.of()));
        on(new Event.Initiated(new Op.Initiate(0), "U1"));

        on(new Event.SourceFailed("StreamUnreadable", "pipe broken"));

        assertThat(state).isInstanceOf(State.Failed.class);
        assertThat(calls()).containsExactly(new Op.Abort(0, "U1"));
    }

    @Test
    void start_streamEndedWithinItsFirstPart_isOnePutObject() {
        read(1, 500, true);
        on(new Event.Start(Optional.empty(), List.of()));

        assertThat(calls()).containsExactly(new Op.Put(0));
        assertThat(((Live) state).upload().plan()).isEqualTo(PartPlan.of(500, PART));
    }
}
