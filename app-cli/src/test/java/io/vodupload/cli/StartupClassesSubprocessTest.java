package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a real process loads for a short command (docs/benchmarks.md, "Start-up"): {@code --version},
 * {@code --help} and a usage error answer without Guice, Jackson or aliyun-sdk-oss; an upload to the local
 * store runs without Guice or jackson-databind, and builds the picocli model of {@code upload} only; an upload
 * over HTTP never loads aliyun-sdk-oss. The class list comes from the JVM itself ({@code -Xlog:class+load}); an
 * upload over HTTP, which needs the injector, and {@code --json}, which needs Jackson, show the check can see
 * them.
 */
class StartupClassesSubprocessTest {

    private static final List<String> HEAVY = List.of("com.google.inject.", "com.google.common.",
            "com.fasterxml.jackson.", "com.aliyun.");
    /** What an upload to the local store leaves out: the injector, databind, the SDK, other commands' models. */
    private static final List<String> NOT_FOR_A_LOCAL_UPLOAD = List.of("com.google.inject.", "com.google.common.",
            "com.fasterxml.jackson.databind.", "com.aliyun.", "io.vodupload.cli.command.QueueCommand$",
            "io.vodupload.cli.command.CheckpointsCommand$");

    @TempDir
    Path dir;

    @Test
    void version_freshProcess_loadsNoGuiceJacksonOrSdkClass() throws Exception {
        List<String> loaded = loadedBy(0, "--version");
        assertThat(loaded).as("classes loaded").hasSizeGreaterThan(300).contains("io.vodupload.cli.VersionProvider");
        assertThat(heavy(loaded)).isEmpty();
    }

    @Test
    void version_alone_printsWhatPicocliPrints() throws Exception {
        CliHarness.Result alone = new ChildCli(dir).env("HOME", dir.toString()).run("--version");
        // in-process, the arguments always go through picocli's own --version handling
        CliHarness.Result throughPicocli = new CliHarness(dir, dir).run("--version");
        assertThat(alone.exitCode()).isZero();
        assertThat(alone.stdout()).startsWith("vodupload ").contains("commit ", "Java ")
                .isEqualTo(throughPicocli.stdout());
        assertThat(alone.stderr()).isEmpty();
    }

    @Test
    void helpAndUsageError_freshProcess_loadNoGuiceJacksonOrSdkClass() throws Exception {
        assertThat(heavy(loadedBy(0, "upload", "--help"))).isEmpty();
        assertThat(heavy(loadedBy(2, "upload"))).isEmpty();
        assertThat(heavy(loadedBy(2, "checkpoints", "list", "--no-such-flag"))).isEmpty();
    }

    @Test
    void upload_toLocalStore_loadsNoGuiceDatabindSdkOrOtherCommandClass() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 200_000, 14);
        List<String> loaded = loadedBy(0, "upload", file.toString(), "--store", dir.resolve("store").toString(),
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "-q");
        assertThat(loaded).as("the log lists the upload's classes")
                .contains("io.vodupload.cli.upload.UploadRunner", "io.vodupload.adapters.local.LocalObjectStorage");
        assertThat(loaded.stream().filter(c -> NOT_FOR_A_LOCAL_UPLOAD.stream().anyMatch(c::startsWith))).isEmpty();
        assertThat(dir.resolve("store/media/clip.mp4")).hasSize(200_000);
    }

    @Test
    void upload_toLocalStoreInParts_loadsNoGuice() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 300_000, 15);
        // multipart: the store's upload and part records, and the checkpoints, are Jackson's (databind) work
        List<String> loaded = loadedBy(0, "upload", file.toString(), "--store", dir.resolve("store").toString(),
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--part-size", "100KiB", "-q");
        assertThat(loaded).anyMatch(c -> c.startsWith("com.fasterxml.jackson.databind."))
                .noneMatch(c -> c.startsWith("com.google.inject.") || c.startsWith("com.google.common."));
    }

    @Test
    void upload_toLocalStoreWithJson_loadsJacksonButNoGuice() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 200_000, 16);
        List<String> loaded = loadedBy(0, "upload", file.toString(), "--store", dir.resolve("store").toString(),
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--json");
        assertThat(loaded).contains("com.fasterxml.jackson.databind.ObjectMapper")
                .noneMatch(c -> c.startsWith("com.google.inject.") || c.startsWith("com.google.common."));
    }

    @Test
    void upload_overHttp_loadsNoSdkClass() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 200_000, 14);
        // a closed port: the upload fails at its first request, after the HTTP transport is built and used
        List<String> loaded = loadedBy(1, "upload", file.toString(), "--endpoint", "http://127.0.0.1:9",
                "--bucket", "b", "--key", "k", "--access-key-id", "AK", "--max-retries", "0", "--timeout", "5",
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "-q");
        assertThat(loaded).anyMatch(c -> c.startsWith("io.vodupload.adapters.http."))
                .as("an OSS target's transport comes from the injector").anyMatch(c -> c.startsWith("com.google.inject."))
                .noneMatch(c -> c.startsWith("com.aliyun.") || c.startsWith("io.vodupload.adapters.oss."));
    }

    /** The classes a child {@code vodupload ARGS} loads, after checking its exit code. */
    private List<String> loadedBy(int exitCode, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "classes", ".txt");
        CliHarness.Result r = new ChildCli(dir).env("HOME", dir.toString())
                .env("VODUPLOAD_ACCESS_KEY_SECRET", "SK")
                .env("JAVA_TOOL_OPTIONS", "-Xshare:auto -Xlog:class+load=info:file=" + log)
                .run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(exitCode);
        return Files.readAllLines(log).stream().map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
                .map(l -> l.split(" ", 2)[0]).collect(Collectors.toList());
    }

    private static List<String> heavy(List<String> loaded) {
        return loaded.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)).collect(Collectors.toList());
    }
}
