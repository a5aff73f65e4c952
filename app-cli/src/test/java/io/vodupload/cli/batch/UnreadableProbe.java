package io.vodupload.cli.batch;

import io.vodupload.cli.CliException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java UnreadableProbe DIR [EXCLUDE...]}: selects {@code DIR/d} recursively and prints the keys, or
 * {@code exit N: message}. Run by {@link FileSelectorTest} as another user, where root would read everything.
 */
final class UnreadableProbe {

    private UnreadableProbe() {
    }

    public static void main(String[] args) {
        FileSelector.Builder b = FileSelector.builder().recursive(true).workingDirectory(Path.of(args[0]));
        Arrays.stream(args).skip(1).forEach(b::exclude);
        try {
            System.out.println(b.build().select(List.of(Path.of("d"))).files().stream().map(SelectedFile::key).toList());
        } catch (CliException e) {
            System.out.println("exit " + e.exitCode() + ": " + e.getMessage());
        }
    }
}
