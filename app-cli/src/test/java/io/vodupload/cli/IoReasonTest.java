package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words for a failed file operation. Tests run as root, for whom no directory is read-only, so the
 * "permission denied" case is checked on the exception Java throws for EACCES.
 */
class IoReasonTest {

    @TempDir
    Path dir;

    @Test
    void of_accessDenied_saysPermissionDeniedAndNamesTheFile() {
        assertThat(IoReason.of(new AccessDeniedException("/srv/store/.vodupload")))
                .isEqualTo("permission denied: /srv/store/.vodupload");
    }

    @Test
    void of_pathUnderARegularFile_saysWhatTheSystemSaid() throws IOException {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        try {
            Files.createDirectories(blocker.resolve("store"));
            throw new AssertionError("created a directory under a regular file");
        } catch (FileSystemException e) {
            assertThat(IoReason.of(e)).contains(blocker.toString()).doesNotContain("Exception");
        }
    }
}
