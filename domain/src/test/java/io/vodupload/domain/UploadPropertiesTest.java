package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.StorageException;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.memory.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Random sizes and fault scripts against the in-memory storage: the invariants that must always hold. */
class UploadPropertiesTest {

    /** One scripted fault: which part, which attempt, what. */
    record ScriptedFault(int part, int attempt, Fault fault) {
    }

    @Provide
    Arbitrary<ScriptedFault> faults() {
        Arbitrary<Fault> fault = Arbitraries.of(
                Fault.of(StorageException.Kind.RETRYABLE),
                Fault.reset(),
                Fault.of(StorageException.Kind.CREDENTIALS_EXPIRED),
                Fault.of(StorageException.Kind.CLOCK_SKEW),
                Fault.of(StorageException.Kind.UPLOAD_GONE),
                Fault.of(StorageException.Kind.FATAL),
                Fault.error(500, "InternalError"));
        return Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.integers().between(1, 4), fault)
                .as(ScriptedFault::new);
    }

    @Property(tries = 60)
    void anyFileAndFaultScript_endsOnceAndNeverCorrupts(
            @ForAll @LongRange(min = 1, max = 8 * PART) long size,
            @ForAll @IntRange(min = 1, max = 4) int parallelism,
            @ForAll @Size(max = 6) List<@From("faults") ScriptedFault> script,
            @ForAll boolean loseCompleteResponse) throws Exception {
        Path dir = Files.createTempDirectory("prop");
        try {
            Fixture f = new Fixture(dir);
            Path file = f.file("p.bin", size, size * 31 + parallelism);
            for (ScriptedFault s : script) {
                f.storage.failPart(s.part(), s.attempt(), s.fault());
            }
            if (loseCompleteResponse) {
                f.storage.failNext(Operation.COMPLETE_MULTIPART, Fault.lostResponse());
            }
            Fixture.Refreshing provider = new Fixture.Refreshing(OLD);
            UploadConfig config = Fixture.config().parallelism(parallelism)
                    .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50))).build();

            f.uploader().start(f.request(file, config), provider, f.callback);
            RecordingCallback.Event end = f.callback.awaitTerminal(Fixture.WAIT);

            f.callback.assertWellFormed(); // exactly one terminal, last; progress monotonic; order
            assertThat(end).isNotInstanceOf(RecordingCallback.Canceled.class);
            if (end instanceof RecordingCallback.Success) {
                assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
            }
            boolean uploadCanVanish = script.stream()
                    .anyMatch(s -> s.fault().errorCode().equals("NoSuchUpload"));
            if (!uploadCanVanish) {
                f.storage.statistics().partsStored().forEach((part, times) ->
                        assertThat(times).as("part %d stored", part).isLessThanOrEqualTo(1));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
