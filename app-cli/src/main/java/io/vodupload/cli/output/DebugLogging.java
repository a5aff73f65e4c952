package io.vodupload.cli.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How log records reach stderr. The libraries log through {@link System.Logger} and commons-logging, both
 * java.util.logging here (HttpClient 5 logs through SLF4J, bound to a no-op). The command reports what
 * matters itself, one line per problem, so without {@code --debug} nothing is logged at all.
 *
 * <p>With {@code --debug} only our own loggers ({@code io.vodupload.*}) log below WARNING: retries, timings,
 * request ids, scrubbed error bodies. Every other logger is capped at WARNING, so Guice's stack traces and
 * the JDK's {@code jdk.event.security} lines stay out, and the SDK's HttpClient 4 wire and header loggers,
 * which print every header (Authorization, x-oss-security-token) and every body byte, are off whatever the
 * level. As a second line of defence the formatter {@linkplain #scrub scrubs} credential values from every
 * line it writes.
 */
public final class DebugLogging {

    /** Loggers that print headers or bodies: never on, not even at WARNING. */
    static final List<String> SILENCED = List.of("org.apache.http.wire", "org.apache.http.headers",
            "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");

    private static final String OWN = "io.vodupload";

    /** Header or parameter names whose values are credentials, in a header line, a query or a JSON field. */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(authorization|x-oss-security-token|security-?token|signature|access-?key-?secret"
                    + "|x-oss-signature|x-oss-credential)"
                    + "(\"?\\s*[:=]\\s*\"?)([^\"&\\r\\n,]*)");

    /** Loggers are held strongly here: java.util.logging keeps only weak references to configured loggers. */
    private static final Logger[] HELD = new Logger[SILENCED.size() + 1];

    private DebugLogging() {
    }

    /** Configures java.util.logging for a run with or without {@code --debug}; call once, first thing. */
    public static void configure(boolean debug) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        for (int i = 0; i < SILENCED.size(); i++) {
            HELD[i] = Logger.getLogger(SILENCED.get(i));
            HELD[i].setLevel(Level.OFF);
        }
        HELD[SILENCED.size()] = Logger.getLogger(OWN);
        if (!debug) {
            root.setLevel(Level.OFF);
            HELD[SILENCED.size()].setLevel(Level.OFF);
            return;
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        handler.setFormatter(new LineFormatter());
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        HELD[SILENCED.size()].setLevel(Level.FINE);
    }

    /** {@code text} with the value after every credential name replaced by {@code <redacted>}. */
    public static String scrub(String text) {
        Matcher m = SECRET_VALUE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "<redacted>"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One line per record, {@code vodupload: debug: LEVEL logger: message}, scrubbed, the trace after it. */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder("vodupload: debug: ").append(r.getLevel()).append(' ')
                    .append(r.getLoggerName()).append(": ").append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return scrub(line.toString());
        }
    }
}
