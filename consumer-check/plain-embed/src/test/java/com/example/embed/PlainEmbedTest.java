package com.example.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Crc64;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plain embed in a child JVM, on the runtime class path Maven resolved for this project: what a
 * user's program prints on stderr. HttpClient 5 logs through SLF4J 2; the libraries bind no SLF4J provider,
 * so the program's own choice decides (docs/embedding.md, Logging).
 */
class PlainEmbedTest {

    private static final String KEY_ID = "embed-key";
    private static final String KEY_SECRET = "embed-secret";

    @TempDir
    Path dir;

    private final OssServer server = OssServer.builder().bucket("my-bucket")
            .credentials(OssCredentials.of(KEY_ID, KEY_SECRET)).start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void plainEmbed_withTheReadmeDependencies_uploadsAndPrintsNoSlf4jLine() throws Exception {
        Run run = run(runtimeClassPath(), List.of());

        assertUploaded(run);
        assertThat(run.stderr).doesNotContain("SLF4J");
    }

    @Test
    void plainEmbed_slf4jProviderOfTheReadme_httpClientLogsReachJavaUtilLogging() throws Exception {
        Path config = Files.writeString(dir.resolve("logging.properties"), String.join("\n",
                "handlers=java.util.logging.ConsoleHandler",
                "java.util.logging.ConsoleHandler.level=ALL",
                ".level=WARNING",
                "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager.level=FINE", ""));

        Run run = run(runtimeClassPath(), List.of("-Djava.util.logging.config.file=" + config));

        assertUploaded(run);
        assertThat(run.stderr).doesNotContain("SLF4J").contains("PoolingHttpClientConnectionManager");
    }

    @Test
    void plainEmbed_withoutAnSlf4jProvider_slf4jPrintsItsNoProvidersNotice() throws Exception {
        List<String> withoutProvider = runtimeClassPath().stream()
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-jdk14-"))
                .toList();
        assertThat(withoutProvider).as("only the provider left out").hasSize(runtimeClassPath().size() - 1);

        Run run = run(withoutProvider, List.of());

        assertUploaded(run);
        // the libraries bind no provider: leaving it out is what makes SLF4J speak (once, three lines)
        assertThat(run.stderr).contains("SLF4J(W): No SLF4J providers were found.");
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(List<String> classPath, List<String> jvmOptions) throws Exception {
        byte[] bytes = new byte[300 * 1024];
        new Random(11).nextBytes(bytes);
        Path file = Files.write(dir.resolve("intro.mp4"), bytes);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("program.classes"));
        entries.addAll(classPath);
        command.add(String.join(File.pathSeparator, entries));
        command.add(PlainEmbed.class.getName());
        command.addAll(List.of(server.endpoint().toString(), "my-bucket", "videos/intro.mp4", file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("OSS_ACCESS_KEY_ID", KEY_ID);
        builder.environment().put("OSS_ACCESS_KEY_SECRET", KEY_SECRET);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the plain embed did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    private void assertUploaded(Run run) {
        assertThat(run.exit).as("exit; stderr: %s", run.stderr).isZero();
        assertThat(server.object("my-bucket", "videos/intro.mp4").orElseThrow().crc64())
                .isEqualTo(Crc64.of(readBytes(dir.resolve("intro.mp4"))));
        assertThat(run.stdout).contains("videos/intro.mp4");
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> runtimeClassPath() throws Exception {
        String text = Files.readString(Path.of(System.getProperty("runtime.class.path.file"))).strip();
        List<String> entries = Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .collect(Collectors.toList());
        assertThat(entries).as("the runtime class path Maven resolved")
                .anyMatch(e -> e.contains("vodupload-adapters-http")).anyMatch(e -> e.contains("httpclient5"))
                .noneMatch(e -> e.contains("junit")).noneMatch(e -> e.contains("vodupload-testkit"));
        return entries;
    }
}
