package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** Help rendered by a real process at width 80 (no terminal) never cuts a path, a URL or a range. */
class HelpWrappingSubprocessTest {

    /** The tokens the help shows, each of which must stay on one line wherever it appears. */
    private static final List<String> TOKENS = List.of("./vodupload-store", "~/.vodupload/checkpoints",
            "https://vod.REGION.aliyuncs.com", "100KiB..5GiB", "~/.vodupload/config.json", "~/.aliyun/config.json");

    private static final List<List<String>> COMMANDS = List.of(List.of(), List.of("upload"), List.of("create-upload"),
            List.of("refresh-upload"), List.of("checkpoints"), List.of("checkpoints", "list"),
            List.of("checkpoints", "remove"), List.of("generate-completion"));

    @TempDir
    Path dir;

    @Test
    void help_everyCommandAtWidth80_keepsPathsUrlsAndRangesWhole() throws Exception {
        ChildCli cli = new ChildCli(dir).env("HOME", dir.toString()).env("COLUMNS", "80");
        StringBuilder all = new StringBuilder();
        for (List<String> command : COMMANDS) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            CliHarness.Result r = cli.run(args);
            assertThat(r.exitCode()).as(command + "\n" + r).isZero();
            assertThat(r.stdout().lines()).as(command.toString()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            all.append(r.stdout());
        }
        String help = all.toString();
        assertThat(help).contains("./vodupload-store", "~/.vodupload/checkpoints", "https://vod.REGION.aliyuncs.com",
                "100KiB..5GiB");
        for (String token : TOKENS) {
            for (int k = 1; k < token.length(); k++) {
                java.util.regex.Pattern broken = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(
                        token.substring(0, k)) + " *\\R\\s*" + java.util.regex.Pattern.quote(token.substring(k)));
                assertThat(broken.matcher(help).find()).as("'%s' broken in the help:%n%s", token, help).isFalse();
            }
        }
    }
}
