package io.vodupload.cli.output;

/**
 * The one escaping function of human output: every line written for people (stdout and stderr) passes what
 * it quotes — file names, paths, messages — through {@link #escape}. A file name may hold ESC sequences that
 * rewrite the terminal, or a newline or carriage return that fakes a line of output; those are shown as
 * visible escapes instead. JSON output escapes control characters itself and does not use this.
 */
public final class HumanText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HumanText() {
    }

    /**
     * {@code text} with every control character made visible: {@code \n}, {@code \r}, {@code \t}, {@code \e}
     * (ESC), other C0 characters, DEL and the C1 range (U+0080–U+009F) as {@code \xNN}, and the Unicode line
     * and paragraph separators as {@code \u2028} and {@code \u2029}. Everything else, backslashes included,
     * is kept as it is; null becomes {@code "null"}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c == '\t') {
            return "\\t";
        }
        if (c == 0x1b) {
            return "\\e";
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return "\\x" + HEX[c >> 4] + HEX[c & 0xf];
        }
        if (c == '\u2028' || c == '\u2029') {
            return c == '\u2028' ? "\\u2028" : "\\u2029";
        }
        return null;
    }
}
