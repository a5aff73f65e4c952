package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import com.google.inject.AbstractModule;
import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.cli.wiring.CheckpointStoreFactory;
import io.vodupload.ports.CheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/**
 * What Ctrl-C does to the checkpoint store, watched through a Mockito spy on the real JSON store: the pause
 * settles with its parts saved, the upload's checkpoint lock is released before the command returns, and
 * the checkpoint is never removed. The exit code and messages are {@link OssUploadTest}'s; this test is
 * about the interactions, which a spy shows more plainly than a hand-written recording store would.
 */
class InterruptCheckpointTest {

    private static final int PART = 100 * 1024;

    @TempDir
    Path dir;

    private OssFixture oss;
    private CliHarness cli;
    private CheckpointStore store;
    /** Every lease the store handed out, by fingerprint, each a spy so its close() can be verified. */
    private final Map<String, CheckpointStore.Lease> leases = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        oss = new OssFixture();
        TestFiles.random(dir.resolve("movie.mp4"), 10 * PART + 4321, 42);
        store = spy(new JsonFileCheckpointStore(dir.resolve("checkpoints")));
        doAnswer(call -> {
            CheckpointStore.Lease lease = spy((CheckpointStore.Lease) call.callRealMethod());
            leases.put(call.getArgument(0), lease);
            return lease;
        }).when(store).tryLock(anyString(), anyString());
        cli = new CliHarness(dir, dir.resolve("home")).override(new AbstractModule() {
            @Override
            protected void configure() {
                bind(CheckpointStoreFactory.class).toInstance(directory -> store);
            }
        });
        cli.env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    @Test
    void interrupt_midUpload_savesTheSettledPartsReleasesTheUploadsLockAndNeverRemovesTheCheckpoint()
            throws Exception {
        oss.server.faults().delayEveryRequest(Duration.ofMillis(400));
        CliHarness.Running running = cli.start("upload", "movie.mp4", "--endpoint", oss.endpoint(), "--bucket",
                OssFixture.BUCKET, "--key", "videos/movie.mp4", "--part-size", "100KiB", "--parallel", "3", "--json");
        running.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("uploaded").asLong() > 3 * PART,
                Duration.ofSeconds(30));
        cli.interrupts.fire();
        CliHarness.Result r = running.await();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.INTERRUPTED);
        assertThat(r.stderr()).contains("its checkpoint kept");
        // the upload's lock (a SHA-256 fingerprint) besides the store check's (shorter)
        List<String> uploads = leases.keySet().stream().filter(fp -> fp.length() == 64).toList();
        assertThat(uploads).hasSize(1);
        CheckpointStore.Lease upload = leases.get(uploads.get(0));
        InOrder order = inOrder(store, upload);
        order.verify(store, atLeastOnce()).save(argThat(cp -> !cp.parts().isEmpty()));
        order.verify(upload).close();
        leases.values().forEach(lease -> verify(lease).close());
        verify(store, never()).remove(anyString());
        assertThat(store.find(uploads.get(0))).hasValueSatisfying(cp -> assertThat(cp.parts()).isNotEmpty());
    }
}
