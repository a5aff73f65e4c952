package io.vodupload.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain             | clip.mp4                 | clip.mp4
            ESC sequence      | a\\u001b[31mred.mp4      | a\\e[31mred.mp4
            newline           | a\\u000avodupload: ok    | a\\nvodupload: ok
            carriage return   | a\\u000db                | a\\rb
            tab               | a\\u0009b                | a\\tb
            other C0          | a\\u0007\\u0000b         | a\\x07\\x00b
            DEL               | a\\u007fb                | a\\x7fb
            C1 CSI            | a\\u009b31mb             | a\\x9b31mb
            line separator    | a\\u2028b                | a\\u2028b
            unicode kept      | 视频 é.mp4                | 视频 é.mp4
            backslash kept    | C:\\media\\a.mp4          | C:\\media\\a.mp4
            """)
    void escape_controlCharacters_becomeVisible(String name, String input, String expected) {
        assertThat(HumanText.escape(unescapeJava(input))).isEqualTo(expected);
    }

    /** Turns the {@code \\uXXXX} of the table into characters (the table itself must stay printable). */
    private static String unescapeJava(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
