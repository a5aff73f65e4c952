package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** The object metadata flags' refusals from a real process: exit 2, one line naming the bad value, nothing stored. */
class ObjectMetadataSubprocessTest {

    @TempDir
    Path dir;

    private ChildCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new ChildCli(dir).env("HOME", dir.resolve("home").toString());
        TestFiles.random(dir.resolve("clip.mp4"), 2048, 1);
    }

    @Test
    void upload_badMetadataFlags_exit2WithOneLineNamingTheValue() throws Exception {
        List<List<String>> cases = List.of(
                List.of("--meta", "my_key=v", "'my_key'"),
                // the value itself is not asserted: a child in the POSIX locale may receive it mangled
                List.of("--meta", "k=caf\u00e9", "--meta k: the value must be printable ASCII"),
                List.of("--meta", "k=a\tb", "'a\\u0009b'"),
                List.of("--storage-class", "Glacier", "--storage-class must be one of Standard, IA, Archive,"
                        + " ColdArchive, DeepColdArchive: 'Glacier'"),
                List.of("--acl", "world", "--acl must be one of private, public-read, public-read-write, default:"
                        + " 'world'"));
        for (List<String> c : cases) {
            CliHarness.Result r = cli.run("upload", "clip.mp4", c.get(0), c.get(1));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
            assertThat(r.stderr().lines().toList()).as(r.toString()).singleElement().asString()
                    .startsWith("vodupload: " + c.get(0)).contains(c.get(2));
            assertThat(r.stdout()).isEmpty();
        }
        assertThat(dir.resolve("vodupload-store")).doesNotExist();
    }
}
