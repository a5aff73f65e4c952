package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Parser errors, from a real process: one plain line, exit 2, and no value next to an unknown option. */
class ParseErrorSubprocessTest {

    @TempDir
    Path dir;

    private ChildCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new ChildCli(dir).env("HOME", dir.resolve("home").toString());
        TestFiles.random(dir.resolve("clip.mp4"), 2048, 1);
    }

    @Test
    void run_mistypedCommand_suggestsTheCommand() throws Exception {
        CliHarness.Result r = cli.run("uplaod", "clip.mp4");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(errorLines(r)).containsExactly("vodupload: unknown command 'uplaod'; did you mean 'upload'?");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void run_mistypedSecretFlag_namesTheOptionButNeverItsValue() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--acess-key-secret", "TOPSECRET123");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(errorLines(r)).containsExactly(
                "vodupload: unknown option '--acess-key-secret'; did you mean '--access-key-secret'?");
        assertThat(r.all()).doesNotContain("TOPSECRET123");
    }

    @Test
    void run_mistypedSecretFlagWithEqualsBeforeTheFile_neverEchoesTheValue() throws Exception {
        CliHarness.Result eq = cli.run("upload", "--acess-key-secret=TOPSECRET123", "clip.mp4");
        CliHarness.Result before = cli.run("upload", "--acess-key-secret", "TOPSECRET123", "clip.mp4", "--json");
        assertThat(eq.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(before.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(eq.all() + before.all()).doesNotContain("TOPSECRET123").contains("'--acess-key-secret'");
    }

    @Test
    void run_extraArgument_saysWhichArgumentWasUnexpected() throws Exception {
        // upload takes PATH... (several files are a batch), so a command with one argument shows it
        CliHarness.Result r = cli.run("generate-completion", "bash", "zsh");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(errorLines(r)).containsExactly(
                "vodupload: unexpected extra argument 'zsh': vodupload generate-completion takes one SHELL");
    }

    @Test
    void run_unknownWordWithoutNearCommand_listsTheCommands() throws Exception {
        CliHarness.Result r = cli.run("zzzzzz");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(errorLines(r)).singleElement().asString()
                .startsWith("vodupload: unknown command 'zzzzzz'; the commands are upload, ");
    }

    /** The error lines, without picocli's usage hint. */
    private static java.util.List<String> errorLines(CliHarness.Result r) {
        return r.stderr().lines().filter(l -> !l.startsWith("Try '")).toList();
    }
}
