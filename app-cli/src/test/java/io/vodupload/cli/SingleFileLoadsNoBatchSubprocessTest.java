package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single {@code vodupload upload FILE} stays as light as before batches existed: the JVM's class-loading
 * log of a real run shows no class of the batch module, db-scheduler or a JDBC driver, and no database file
 * appears.
 */
class SingleFileLoadsNoBatchSubprocessTest {

    @TempDir
    Path dir;

    @Test
    void upload_oneFile_loadsNoBatchSchedulerOrJdbcClass() throws Exception {
        TestFiles.random(dir.resolve("clip.mp4"), 5000, 1);
        Path log = dir.resolve("classes.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", classpath, Main.class.getName(),
                "upload", "clip.mp4", "--checkpoint-dir", dir.resolve("checkpoints").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();

        List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(loaded).as("the log lists the classes the run loaded").anyMatch(l -> l.contains("io.vodupload.cli.upload.UploadRunner"));
        assertThat(loaded).noneMatch(l -> l.contains("io.vodupload.batch.") || l.contains("com.github.kagkarlsson")
                || l.contains("org.sqlite.") || l.contains("org.postgresql.") || l.contains("io.vodupload.cli.batch.BatchRuns")
                || l.contains("io.vodupload.adapters.jdbc."));
        assertThat(dir.resolve("checkpoints/batches.db")).doesNotExist();
    }
}
