package io.vodupload.osswire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Credentials;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    private static final Credentials STS = Credentials.sts("STS.id", "secret-value", "token-value", null);

    @Test
    void scrub_secretAndTokenEchoed_replacedAndOnOneLine() {
        String scrubbed = ErrorText.scrub("denied:\n secret-value\r\n\ttoken-value  end", STS);

        assertThat(scrubbed).isEqualTo("denied: *** *** end");
    }

    @Test
    void scrub_permanentCredentials_secretReplaced() {
        Credentials ak = Credentials.of("id", "plain-secret");

        assertThat(ErrorText.scrub("x plain-secret y", ak)).isEqualTo("x *** y");
    }

    @Test
    void oneLine_longText_cutAtTheLimitWithEllipsis() {
        String line = ErrorText.oneLine("a".repeat(ErrorText.MAX_LENGTH + 50));

        assertThat(line).hasSize(ErrorText.MAX_LENGTH + 3).endsWith("a...");
        assertThat(ErrorText.oneLine("a".repeat(ErrorText.MAX_LENGTH))).hasSize(ErrorText.MAX_LENGTH);
    }
}
