package io.vodupload.cli.output;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words an upload's failure as the one line {@code vodupload: upload failed: ...}: what failed, where, after
 * how many attempts, and the error code once. A network fault reads
 * {@code connection refused by 127.0.0.1:9 (PutObject oss://b/k) after 5 attempts}; any other failure
 * keeps its code and the storage's message, without the code repeated inside it.
 *
 * <p>The input is what the domain reports ({@code onUploadFailed}'s code and message), which for a storage
 * failure reads {@code CODE: OPERATION TARGET: ExceptionType: detail (gave up after N attempts)}. Anything
 * that does not match that shape is shown as it is. Pure and thread-safe.
 */
public final class FailureText {

    /** Network faults by code: how to say them, with {@code %s} for the host. */
    private static final Map<String, String> NETWORK = Map.ofEntries(
            Map.entry("ConnectionRefused", "connection refused by %s"),
            Map.entry("UnknownHost", "host %s not found"),
            Map.entry("ConnectionTimeout", "could not connect to %s within the timeout"),
            Map.entry("SocketTimeout", "no answer from %s within the timeout"),
            Map.entry("ConnectionReset", "connection to %s reset"),
            Map.entry("TruncatedResponse", "the answer from %s was cut short"),
            Map.entry("NoResponse", "%s closed the connection without answering"),
            Map.entry("ConnectionPoolTimeout", "no free connection to %s within the timeout"),
            Map.entry("SocketError", "network error talking to %s"),
            Map.entry("IOError", "network error talking to %s"),
            Map.entry("TlsError", "TLS verification of %s failed"));

    private static final Pattern GAVE_UP = Pattern.compile("\\s*\\(gave up after (\\d+) attempts\\)\\s*$");
    /** {@code PutObject oss://b/k: ...}: the operation and what it addressed, before the cause. */
    private static final Pattern OPERATION = Pattern.compile("^([A-Z][A-Za-z]+(?: [a-z]+://\\S+)?): ");

    private FailureText() {
    }

    /**
     * The line after {@code upload failed: }.
     *
     * @param code   the failure code
     * @param detail the failure's message as the domain reported it
     * @param host   the storage's host (and port), for network faults
     */
    public static String describe(String code, String detail, String host) {
        String rest = stripCode(code, detail.strip());
        Optional<Integer> attempts = Optional.empty();
        Matcher gaveUp = GAVE_UP.matcher(rest);
        if (gaveUp.find()) {
            attempts = Optional.of(Integer.parseInt(gaveUp.group(1)));
            rest = rest.substring(0, gaveUp.start());
        }
        String network = NETWORK.get(code);
        if (network == null) {
            return code + ": " + rest + attempts.map(n -> " (after " + attempts(n) + ")").orElse("");
        }
        Matcher op = OPERATION.matcher(rest);
        String where = op.find() ? " (" + op.group(1) + ")" : "";
        return String.format(network, host) + where
                + attempts.map(n -> " after " + attempts(n)).orElse(" (not retried)");
    }

    private static String attempts(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }

    /** {@code detail} without {@code code: } in front, however many times it is there. */
    private static String stripCode(String code, String detail) {
        String rest = detail;
        while (rest.startsWith(code + ": ")) {
            rest = rest.substring(code.length() + 2);
        }
        return rest;
    }
}
