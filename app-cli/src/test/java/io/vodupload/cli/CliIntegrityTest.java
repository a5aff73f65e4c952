package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssStall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vodupload} as a real process against the testkit OSS server, on what it verifies: a file changed
 * while it is uploaded ({@code FileChanged}, never exit 0), a store that reports no CRC-64 (verified by
 * Content-MD5, said once), {@code --require-crc64}, {@code --verify-source}.
 */
class CliIntegrityTest {

    private static final int PART = 100 * 1024;

    @TempDir
    Path dir;

    private OssFixture oss;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        oss = new OssFixture();
    }

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        oss.close();
    }

    private record Run(int exitCode, String stdout, String stderr) {

        List<JsonNode> events() throws IOException {
            List<JsonNode> out = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.isBlank()) {
                    out.add(CliHarness.MAPPER.readTree(line));
                }
            }
            return out;
        }

        JsonNode last() throws IOException {
            List<JsonNode> all = events();
            return all.get(all.size() - 1);
        }
    }

    private Run vodupload(Path file, String... extra) throws Exception {
        return finish(start(file, extra));
    }

    private Process start(Path file, String... extra) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName(), "upload", file.toString(), "--endpoint", oss.endpoint(),
                "--bucket", OssFixture.BUCKET, "--key", "v/" + file.getFileName(), "--part-size", "100KiB",
                "--checkpoint-dir", dir.resolve("checkpoints").toString()));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().put("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK);
        pb.environment().put("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET);
        pb.environment().put("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private Run finish(Process p) throws Exception {
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vodupload ended").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} bytes over {1}")
    @CsvSource({"51200, http", "307200, http", "51200, oss", "307200, oss"})
    void upload_storeWithoutCrc64_succeedsVerifiedByContentMd5(int size, String transport) throws Exception {
        oss.server.faults().omitCrc64(true);
        Path file = TestFiles.random(dir.resolve("clip.mp4"), size, 7);

        Run r = vodupload(file, "--json", "--transport", transport);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode success = r.last();
        assertThat(success.get("event").asText()).isEqualTo("success");
        assertThat(success.get("verification").asText()).isEqualTo("content-md5");
        assertThat(oss.object("v/clip.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(oss.server.stats().bodiesWithoutContentMd5()).as("every body carried a Content-MD5").isZero();
    }

    @Test
    void upload_storeWithoutCrc64HumanOutput_saysOnceWhichCheckWasUsed() throws Exception {
        oss.server.faults().omitCrc64(true);
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 3L * PART, 7);

        Run r = vodupload(file);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().split("verified by", -1)).as(r.stdout()).hasSize(2);
        assertThat(r.stdout()).contains("verified by Content-MD5 (the storage reports no CRC-64)");
    }

    @Test
    void upload_storeWithCrc64_saysVerifiedByCrc64() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 3L * PART, 7);

        Run r = vodupload(file, "--json", "--verify-source");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.last().get("verification").asText()).isEqualTo("crc64");
        assertThat(oss.object("v/clip.mp4")).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void upload_multipartFileOverwrittenInPlaceWithItsMtimePutBack_exits1FileChangedAndStoresNothing() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 3L * PART, 7);
        OssStall stall = oss.server.faults().stallOn(OssOperation.UPLOAD_PART, 3);
        Process p = start(file, "--json", "--parallel", "1");
        assertThat(stall.awaitHeld(Duration.ofSeconds(120))).isTrue();

        FileTime mtime = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(10); // part 1, stored already
            raf.write(new byte[64]);
        }
        Files.setLastModifiedTime(file, mtime); // touch -r
        stall.release();
        Run r = finish(p);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.last().get("code").asText()).isEqualTo("FileChanged");
        assertThat(oss.server.object(OssFixture.BUCKET, "v/clip.mp4")).isEmpty();
    }

    @Test
    void upload_singlePutFileAppendedWhileSent_exits1FileChanged() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 50 * 1024, 7);
        OssStall stall = oss.server.faults().stallOn(OssOperation.PUT_OBJECT, 1);
        Process p = start(file, "--json");
        assertThat(stall.awaitHeld(Duration.ofSeconds(120))).isTrue();

        Files.write(file, new byte[1000], StandardOpenOption.APPEND);
        stall.release();
        Run r = finish(p);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.last().get("code").asText()).isEqualTo("FileChanged");
    }

    @Test
    void upload_storeWithoutCrc64AndRequireCrc64_exits1CrcUnavailable() throws Exception {
        oss.server.faults().omitCrc64(true);
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 3L * PART, 7);

        Run r = vodupload(file, "--json", "--require-crc64");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.last().get("event").asText()).isEqualTo("failed");
        assertThat(r.last().get("code").asText()).isEqualTo("CrcUnavailable");
    }
}
