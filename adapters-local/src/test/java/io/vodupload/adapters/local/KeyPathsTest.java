package io.vodupload.adapters.local;

import io.vodupload.ports.StorageException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the key, the path it maps to is inside the bucket directory, or the key is refused. */
class KeyPathsTest {

    private static Path base;
    private static KeyPaths paths;

    @BeforeContainer
    static void createRoot() throws IOException {
        base = Files.createTempDirectory("keypaths");
        Path root = Files.createDirectories(base.resolve("root"));
        paths = new KeyPaths(root, root.toRealPath());
    }

    @AfterContainer
    static void deleteRoot() {
        AtomicFiles.deleteTreeQuietly(base);
    }

    @Property(tries = 1000)
    void objectPath_anyKey_staysInsideTheBucketOrIsRefusedAsInvalidObjectName(@ForAll("keys") String key) {
        Path bucketDir = paths.bucketPath("b");
        try {
            Path path = paths.objectPath("b", key);
            assertThat(path.normalize()).isEqualTo(path);
            assertThat(path).startsWithRaw(bucketDir).isNotEqualTo(bucketDir);
            assertThat(bucketDir.relativize(path).toString()).isEqualTo(key);
        } catch (StorageException e) {
            assertThat(e.errorCode()).isEqualTo("InvalidObjectName");
            assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        }
    }

    @Property(tries = 500)
    void bucketPath_anyBucket_isOneDirectoryUnderTheRootOrIsRefused(@ForAll("keys") String bucket) {
        try {
            Path path = paths.bucketPath(bucket);
            assertThat(path.getParent()).isEqualTo(base.resolve("root"));
            assertThat(bucket).doesNotStartWith(".");
        } catch (StorageException e) {
            assertThat(e.errorCode()).isEqualTo("InvalidBucketName");
        }
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "/", "//", "\0", "\\", "a", "b c", "+", "%2F", "视频", "~", ":", "C:", "-"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(4));
        return pieces.list().ofMinSize(1).ofMaxSize(8).map(list -> String.join("", list));
    }
}
