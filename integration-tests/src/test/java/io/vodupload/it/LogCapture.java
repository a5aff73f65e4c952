package io.vodupload.it;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what one class logs through {@link System.Logger} (which the JDK backs with
 * {@code java.util.logging} when no other provider is installed), so a test can assert that a warning was
 * given. Close it to detach.
 */
final class LogCapture implements AutoCloseable {

    /** One captured record: its level and its message with the parameters filled in. */
    record Entry(Level level, String message) {
    }

    private final Logger logger;
    private final List<Entry> entries = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (entries) {
                entries.add(new Entry(record.getLevel(), formatter.formatMessage(record)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Class<?> source) {
        this.logger = Logger.getLogger(source.getName()); // held: JUL keeps loggers only weakly
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    List<Entry> warnings() {
        return entries().stream().filter(e -> e.level().intValue() >= Level.WARNING.intValue()).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
