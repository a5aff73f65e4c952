package io.vodupload.adapters.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a class logs through {@link System.Logger}. With no other logging backend on the test
 * class path, the JDK routes System.Logger to java.util.logging under the same logger name, so a handler
 * on that logger sees every record.
 */
final class LogCapture implements AutoCloseable {

    /** One record: its level and its formatted message. */
    record Entry(Level level, String message) {
    }

    private final Logger logger;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            entries.add(new Entry(record.getLevel(), formatter.formatMessage(record)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    List<String> warnings() {
        return entries.stream().filter(e -> e.level() == Level.WARNING).map(Entry::message).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
