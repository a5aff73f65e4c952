package io.vodupload.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.batch.BatchFile;
import io.vodupload.batch.FileOutcome;
import io.vodupload.batch.FileTask;
import io.vodupload.cli.Exit;
import io.vodupload.cli.upload.FileUpload;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class BatchReportTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private final BatchFile a = new BatchFile("/d/a.mp4", "a.mp4", 10, 1, 1, Map.of());
    private final BatchFile b = new BatchFile("/d/b.mp4", "b.mp4", 20, 1, 1, Map.of());
    private final BatchFile c = new BatchFile("/d/c.mp4", "c.mp4", 30, 1, 1, Map.of());

    private BatchReport report(BatchReport.Style style) {
        return new BatchReport(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), mapper, clock, style, 80, false);
    }

    private static FileTask task(BatchFile f, int attempt) {
        return new FileTask("0123456789abcdef", f, Map.of(), Optional.empty(), attempt);
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            events.add(mapper.readTree(line));
        }
        return events;
    }

    @Test
    void finished_interruptedWithACredentialFailure_exits130AndEveryFileHasOneTerminalEvent() throws Exception {
        BatchReport report = report(BatchReport.Style.JSON);
        report.started(List.of(a, b, c));
        report.skippedAtSubmit(a);
        report.outcome(task(b, 1), new FileUpload.Outcome.Failed("CredentialsExpired", "no way", Exit.CREDENTIALS_EXPIRED,
                false, Optional.empty()));
        report.fileFinished(task(b, 1), new FileOutcome.Failed("CredentialsExpired", "no way", false, Optional.empty()),
                true);

        int exit = report.finished("0123456789abcdef", true, Map.of());

        assertThat(exit).isEqualTo(Exit.INTERRUPTED);
        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.get("event").asText())
                .containsExactly("batchStarted", "skipped", "failed", "failed", "batchFinished");
        assertThat(events.get(0).get("bytes").asLong()).isEqualTo(60);
        assertThat(events.get(3).get("key").asText()).isEqualTo("c.mp4");
        assertThat(events.get(3).get("code").asText()).isEqualTo("Interrupted");
        JsonNode last = events.get(4);
        assertThat(last.get("succeeded").asInt()).isZero();
        assertThat(last.get("failed").asInt()).isEqualTo(2);
        assertThat(last.get("skipped").asInt()).isEqualTo(1);
    }

    @Test
    void finished_aCredentialFailureAndAnotherFailure_exits3AndARetriedAttemptIsNotTerminal() throws Exception {
        BatchReport report = report(BatchReport.Style.JSON);
        report.started(List.of(a, b));
        report.fileFinished(task(a, 1), new FileOutcome.Failed("ServiceUnavailable", "503", true, Optional.empty()),
                false);
        report.outcome(task(a, 2), new FileUpload.Outcome.Failed("InvalidArgument", "refused", Exit.FAILED, false,
                Optional.empty()));
        report.fileFinished(task(a, 2), new FileOutcome.Failed("InvalidArgument", "refused", false, Optional.empty()),
                true);
        report.outcome(task(b, 1), new FileUpload.Outcome.Failed("CredentialsExpired", "no way",
                Exit.CREDENTIALS_EXPIRED, false, Optional.empty()));
        report.fileFinished(task(b, 1), new FileOutcome.Failed("CredentialsExpired", "no way", false, Optional.empty()),
                true);

        assertThat(report.finished("0123456789abcdef", false, Map.of())).isEqualTo(Exit.CREDENTIALS_EXPIRED);
        assertThat(events()).extracting(e -> e.get("event").asText())
                .containsExactly("batchStarted", "retry", "failed", "failed", "batchFinished");
    }

    @Test
    void finished_humanSummary_namesTheFailedFileAndTheSelectionsSkips() {
        BatchReport report = report(BatchReport.Style.LINES);
        report.started(List.of(a, b));
        report.outcome(task(a, 1), new FileUpload.Outcome.Skipped("already uploaded"));
        report.fileFinished(task(a, 1), new FileOutcome.Succeeded(0, Optional.empty()), true);
        report.outcome(task(b, 1), new FileUpload.Outcome.Failed("ObjectExists", "holds another", Exit.FAILED, false,
                Optional.empty()));
        report.fileFinished(task(b, 1), new FileOutcome.Failed("ObjectExists", "holds another", false,
                Optional.empty()), true);

        Map<String, Integer> notSelected = new java.util.LinkedHashMap<>();
        notSelected.put("hidden", 2);
        notSelected.put("excluded", 1);
        int exit = report.finished("0123456789abcdef", false, notSelected);

        assertThat(exit).isEqualTo(Exit.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("skipped /d/a.mp4: already uploaded")
                .contains("batch 0123456789abcdef: 0 uploaded (0 B), 1 failed, 1 skipped (already uploaded) in 0.0 s")
                .contains("not selected: 2 hidden, 1 excluded")
                .contains("failed: /d/b.mp4 (key b.mp4): ObjectExists: holds another");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("vodupload: upload failed: /d/b.mp4: ");
    }

    @Test
    void fileFinished_aWorkerTakingTheSameFileTwice_writesATerminalEventEachTime() throws Exception {
        BatchReport report = new BatchReport(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), mapper, clock, BatchReport.Style.JSON, 80, true);
        for (int attempt = 1; attempt <= 2; attempt++) {
            report.outcome(task(a, attempt), new FileUpload.Outcome.Failed("InvalidArgument", "refused", Exit.FAILED,
                    false, Optional.empty()));
            report.fileFinished(task(a, attempt), new FileOutcome.Failed("InvalidArgument", "refused", false,
                    Optional.empty()), true);
        }

        assertThat(events()).extracting(e -> e.get("event").asText()).containsExactly("failed", "failed");
        assertThat(report.failedCount()).isEqualTo(2);
    }
}
