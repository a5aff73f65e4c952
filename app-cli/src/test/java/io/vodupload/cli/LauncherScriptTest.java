package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository-root launcher script {@code vodupload} as a real bash process, in a fake repository with fake
 * {@code mvn} and {@code java} first on its PATH: when it builds (missing jar, a main source or pom newer than the
 * jar), what it shows while building and when the build fails, and how it starts {@code java}. Real Maven and a
 * real JVM are never run; file ages are set with {@link Files#setLastModifiedTime}, never waited for.
 */
class LauncherScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The time every source of the fake repository carries; the jar is made older or newer than it. */
    private static final Instant SOURCES_TIME = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            printf '%s|%s\\n' "$PWD" "$*" >>"$FAKE_MARKERS/mvn.calls"
            echo "[INFO] Scanning for projects..."
            echo "Downloading from central: https://repo.maven.apache.org/maven2/org/example/x/1.0/x-1.0.pom"
            echo "[INFO] Building VodUpload for Java app-cli 1.0-SNAPSHOT [1/1]"
            if [ "${FAKE_MVN_RESULT:-ok}" = fail ]; then
                echo "[ERROR] something broke"
                echo "[INFO] BUILD FAILURE"
                exit 1
            fi
            mkdir -p app-cli/target
            printf 'jar built by the fake mvn\\n' >app-cli/target/vodupload.jar
            echo "[INFO] BUILD SUCCESS"
            """;

    /**
     * Prints its arguments one a line; plays the JVM's part in making a class-data-sharing archive (the class list
     * of a training run, the archive of {@code -Xshare:dump}) so that the launcher's archive path can run.
     */
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >>"$FAKE_MARKERS/java.calls"
            dump=false
            for a in "$@"; do [ "$a" = -Xshare:dump ] && dump=true; done
            for a in "$@"; do
                case "$a" in
                    -XX:DumpLoadedClassList=*) echo java/lang/Object >"${a#*=}" ;;
                    -XX:SharedArchiveFile=*) if $dump; then echo archive >"${a#*=}"; fi ;;
                esac
            done
            printf 'java-arg: %s\\n' "$@"
            """;

    @TempDir
    Path dir;

    private Path repo;
    private Path script;
    private Path jar;
    private Path buildLog;
    private Path bin;
    private Path markers;
    private Path workDir;

    @BeforeEach
    void fakeRepository() throws IOException {
        repo = Files.createDirectories(dir.resolve("repo"));
        script = repo.resolve("vodupload");
        Files.copy(Path.of("..", "vodupload"), script, StandardCopyOption.COPY_ATTRIBUTES);
        jar = repo.resolve("app-cli/target/vodupload.jar");
        buildLog = repo.resolve("app-cli/target/vodupload-build.log");
        for (String source : List.of("pom.xml", "app-cli/pom.xml", "app-cli/src/main/java/io/vodupload/cli/Main.java",
                "app-cli/src/test/java/io/vodupload/cli/MainTest.java", "domain/pom.xml",
                "domain/src/main/java/io/vodupload/domain/Upload.java")) {
            Path file = repo.resolve(source);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "// " + source + "\n");
            Files.setLastModifiedTime(file, FileTime.from(SOURCES_TIME));
        }
        // bin/ inside a fake JDK home with lib/modules, which the launcher's archive key reads
        Path jdk = dir.resolve("jdk");
        bin = Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(jdk.resolve("lib"));
        Files.writeString(jdk.resolve("lib/modules"), "modules\n");
        executable(bin.resolve("mvn"), FAKE_MVN);
        executable(bin.resolve("java"), FAKE_JAVA);
        markers = Files.createDirectories(dir.resolve("markers"));
        workDir = Files.createDirectories(dir.resolve("work"));
    }

    @Test
    void launch_jarMissing_buildsWithMavenThenRunsJava() throws Exception {
        Result result = run(Map.of(), "upload", "my video.mp4", "--part-size", "1MiB");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(mvnCalls()).singleElement().isEqualTo(repo + "|-B -Dstyle.color=never -pl app-cli -am package -DskipTests");
        assertThat(result.stderr()).contains("vodupload: building app-cli/target/vodupload.jar with Maven")
                .containsPattern("(?m)^vodupload: built app-cli/target/vodupload\\.jar in \\d+:\\d{2}$");
        assertThat(result.stdout()).isEqualTo(javaOutput("-XX:+UseSerialGC", "-Xms32m", "-jar", jar.toString(),
                "upload", "my video.mp4", "--part-size", "1MiB"));
        assertThat(buildLog).exists().content().contains("[INFO] Building VodUpload", "Downloading from central: ");
        assertThat(jar).hasContent("jar built by the fake mvn");
    }

    @Test
    void launch_buildFails_printsLogTailAndPathAndExits1() throws Exception {
        Result result = run(Map.of("FAKE_MVN_RESULT", "fail"), "upload", "a.mp4");

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(mvnCalls()).hasSize(1);
        assertThat(result.stderr())
                .containsPattern("(?m)^vodupload: the build failed after \\d+:\\d{2}; the end of the Maven log:$")
                .contains("    [ERROR] something broke\n", "    [INFO] BUILD FAILURE\n")
                .contains("vodupload: the full log is " + buildLog + "\n")
                .doesNotContain("vodupload: built ");
        assertThat(result.stdout()).isEmpty();
        assertThat(buildLog).exists().content().contains("[ERROR] something broke");
        assertThat(jar).doesNotExist();
        assertThat(markers.resolve("java.calls")).doesNotExist();
    }

    @Test
    void launch_jarNewerThanEverySource_runsJavaWithoutBuilding() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));

        Result result = run(Map.of(), "--version");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(markers.resolve("mvn.calls")).doesNotExist();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo(javaOutput("-XX:+UseSerialGC", "-Xms32m", "-jar", jar.toString(), "--version"));
        assertThat(jar).hasContent("jar from an earlier build");
        assertThat(buildLog).doesNotExist();
    }

    @Test
    void launch_mainSourceNewerThanJar_rebuilds() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));
        // a main source of another module than app-cli: every module's sources go into the jar
        Files.setLastModifiedTime(repo.resolve("domain/src/main/java/io/vodupload/domain/Upload.java"),
                FileTime.from(SOURCES_TIME.plus(Duration.ofHours(2))));

        Result result = run(Map.of(), "--version");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(mvnCalls()).hasSize(1);
        assertThat(result.stderr()).containsPattern("(?m)^vodupload: built app-cli/target/vodupload\\.jar in \\d+:\\d{2}$");
        assertThat(jar).hasContent("jar built by the fake mvn");
        assertThat(result.stdout()).isEqualTo(javaOutput("-XX:+UseSerialGC", "-Xms32m", "-jar", jar.toString(), "--version"));
    }

    @Test
    void launch_pomNewerThanJar_rebuilds() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));
        Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.from(SOURCES_TIME.plus(Duration.ofHours(2))));

        Result result = run(Map.of(), "--version");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(mvnCalls()).hasSize(1);
        assertThat(jar).hasContent("jar built by the fake mvn");
    }

    @Test
    void launch_onlyTestSourceNewerThanJar_doesNotRebuild() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));
        Files.setLastModifiedTime(repo.resolve("app-cli/src/test/java/io/vodupload/cli/MainTest.java"),
                FileTime.from(SOURCES_TIME.plus(Duration.ofHours(2))));

        Result result = run(Map.of(), "--version");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(markers.resolve("mvn.calls")).doesNotExist();
        assertThat(jar).hasContent("jar from an earlier build");
    }

    @Test
    void launch_javaOptsSet_passesThemBeforeJar() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));

        Result result = run(Map.of("VODUPLOAD_JAVA_OPTS", "-Xmx64m -Dfoo=bar"), "--version");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo(javaOutput("-XX:+UseSerialGC", "-Xms32m", "-Xmx64m", "-Dfoo=bar",
                "-jar", jar.toString(), "--version"));
    }

    @Test
    void launch_javaOptsPickACollector_leavesTheMemoryBlockOut() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));

        Result result = run(Map.of("VODUPLOAD_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"), "--version");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo(javaOutput("-Xmx1g", "-XX:+UseG1GC", "-jar", jar.toString(), "--version"));
    }

    @Test
    void launch_cdsOn_makesArchiveOnceAndStartsWithIt() throws Exception {
        writeJar(SOURCES_TIME.plus(Duration.ofHours(1)));
        Map<String, String> cdsOn = Map.of("VODUPLOAD_CDS", "on");

        Result first = run(cdsOn, "--help");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.stderr()).contains("vodupload: preparing a start-up archive for this build")
                .containsPattern("(?m)^vodupload: start-up archive ready in \\d+:\\d{2}$");
        List<Path> archives;
        try (var files = Files.list(jar.getParent())) {
            archives = files.filter(f -> f.getFileName().toString().matches("vodupload-\\d+\\.jsa")).toList();
        }
        assertThat(archives).hasSize(1);
        String startedWith = javaOutput("-XX:SharedArchiveFile=" + archives.get(0), "-Xshare:auto",
                "-Xlog:cds=off,cds+dynamic=off", "-XX:+UseSerialGC", "-Xms32m", "-jar", jar.toString(), "--help");
        assertThat(first.stdout()).isEqualTo(startedWith);
        long javaCallsAfterFirst = javaCalls().size();
        assertThat(javaCallsAfterFirst).as("training runs, dump, check, start").isGreaterThan(4);

        Result second = run(cdsOn, "--help");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.stderr()).isEmpty();
        assertThat(second.stdout()).isEqualTo(startedWith);
        assertThat(javaCalls()).hasSize((int) javaCallsAfterFirst + 1);

        // a lone --version costs more with the archive than without it: started plain, the archive kept
        Result version = run(cdsOn, "--version");

        assertThat(version.exit()).as(version.toString()).isZero();
        assertThat(version.stdout()).isEqualTo(javaOutput("-XX:+UseSerialGC", "-Xms32m", "-jar", jar.toString(), "--version"));
        assertThat(archives.get(0)).exists();
    }

    private void writeJar(Instant time) throws IOException {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar from an earlier build\n");
        Files.setLastModifiedTime(jar, FileTime.from(time));
    }

    private static String javaOutput(String... args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            out.append("java-arg: ").append(arg).append('\n');
        }
        return out.toString();
    }

    private List<String> mvnCalls() throws IOException {
        return Files.readAllLines(markers.resolve("mvn.calls"));
    }

    private List<String> javaCalls() throws IOException {
        return Files.readAllLines(markers.resolve("java.calls"));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the launcher from a directory outside the repository, its stdout and stderr in files. */
    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(name -> name.startsWith("VODUPLOAD_") || name.startsWith("FAKE_"));
        environment.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("TERM", "dumb");
        environment.put("FAKE_MARKERS", markers.toString());
        environment.put("VODUPLOAD_CDS", "off");
        environment.putAll(env);
        Process process = pb.start();
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the launcher did not end within %s; stderr:%n%s", WAIT, Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
