package io.vodupload.adapters.vod;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that no form of a secret shows in a text (raw, or percent-encoded once or twice). */
final class Secrets {

    private Secrets() {
    }

    static void assertAbsent(String text, String... secrets) {
        for (String secret : secrets) {
            String once = PopRpcSigner.percentEncode(secret);
            assertThat(text).as("text must not hold a secret").doesNotContain(secret).doesNotContain(once)
                    .doesNotContain(PopRpcSigner.percentEncode(once));
        }
    }

    /** Every message along the cause chain, and the toString of each. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n').append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
