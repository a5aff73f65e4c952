package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerProtocolTest {

    @Test
    void command_roundTripsThroughItsLine() {
        WorkerProtocol.Command c = new WorkerProtocol.Command("bench/a/1", 8 * Sizes.MIB, 4);

        assertThat(WorkerProtocol.Command.parse(c.toLine())).contains(c);
        assertThat(WorkerProtocol.Command.parse("something else")).isEmpty();
    }

    @Test
    void command_keyWithWhiteSpace_isRefused() {
        assertThatThrownBy(() -> new WorkerProtocol.Command("a b", 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
    }

    @Test
    void reply_roundTripsThroughItsLine_withACrcAboveLongMaxValue() {
        // 0x995DC9BBDF1939FA: negative as a signed long, as half of all CRCs are
        WorkerProtocol.Reply r = new WorkerProtocol.Reply(1_234_567_890L, 987_654_321L,
                new UploadClient.Outcome(0x995DC9BBDF1939FAL, 128),
                new HeapMeter.Usage(20_000_000, 9_000_000, 55_000_000, 3, 17));

        assertThat(r.toLine()).contains("crc=11051210869376104954");
        assertThat(WorkerProtocol.Reply.parse(r.toLine())).isEqualTo(r);
    }

    @Test
    void reply_errorLine_isAWorkerFailureWithTheMessage() {
        String line = WorkerProtocol.errorLine(new IllegalStateException("outer\nline two",
                new java.io.IOException("root cause")));

        assertThat(line).doesNotContain("\n").startsWith("@bench error ");
        assertThatThrownBy(() -> WorkerProtocol.Reply.parse(line))
                .isInstanceOf(WorkerProtocol.WorkerFailure.class)
                .hasMessageContaining("outer line two").hasMessageContaining("root cause");
    }

    @Test
    void reply_malformed_isRefusedNamingTheLine() {
        assertThatThrownBy(() -> WorkerProtocol.Reply.parse("@bench ok nanos=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nanos=1");
    }

    @Test
    void serve_commands_answersReadyThenOneLinePerCommandUntilQuit() throws Exception {
        List<String> keys = new ArrayList<>();
        UploadClient client = new UploadClient() {
            @Override
            public Outcome upload(String key, long partSize, int parallelism) throws IOException {
                keys.add(key + ":" + partSize + ":" + parallelism);
                if (key.equals("bad")) {
                    throw new IOException("connection refused");
                }
                return new Outcome(42, 3);
            }

            @Override
            public void close() {
            }
        };
        String input = String.join("\n",
                new WorkerProtocol.Command("good", 1024, 2).toLine(),
                "noise from somewhere",
                new WorkerProtocol.Command("bad", 2048, 1).toLine(),
                WorkerProtocol.QUIT,
                new WorkerProtocol.Command("after-quit", 1, 1).toLine());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (HeapMeter meter = new HeapMeter()) {
            UploadWorker.serve(client, meter, new BufferedReader(new StringReader(input)),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }

        String[] out = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(keys).containsExactly("good:1024:2", "bad:2048:1");
        assertThat(out).hasSize(4);
        assertThat(out[0]).isEqualTo(WorkerProtocol.READY);
        WorkerProtocol.Reply ok = WorkerProtocol.Reply.parse(out[1]);
        assertThat(ok.outcome()).isEqualTo(new UploadClient.Outcome(42, 3));
        assertThat(ok.nanos()).isPositive();
        assertThat(out[2]).startsWith("@bench error unknown command: noise");
        assertThat(out[3]).startsWith("@bench error ").contains("connection refused");
    }
}
