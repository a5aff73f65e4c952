package io.vodupload.testkit.vod;

import java.util.Map;

/**
 * Writes the flat JSON objects of VOD's answers. Hand-written because testkit depends on the ports and the
 * JDK only (ARCHITECTURE.md), and every answer is one level of string fields.
 */
final class Json {

    private Json() {
    }

    /** {@code {"k":"v",…}} in the map's iteration order. */
    static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            string(sb, e.getKey());
            sb.append(':');
            string(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
