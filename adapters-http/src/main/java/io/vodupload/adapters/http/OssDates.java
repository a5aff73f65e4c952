package io.vodupload.adapters.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The time formats OSS reads and writes. Stateless and thread-safe.
 */
final class OssDates {

    /**
     * RFC 1123 with a two-digit day. {@link DateTimeFormatter#RFC_1123_DATE_TIME} writes {@code 1 Jul},
     * which OSS rejects; it needs {@code 01 Jul} (OSS-PROTOCOL §1.2).
     */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** V4's {@code x-oss-date}: ISO 8601 basic, UTC. */
    static final DateTimeFormatter ISO_BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

    /** V4's scope date. */
    static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd", Locale.US).withZone(ZoneOffset.UTC);

    private OssDates() {
    }

    static String httpDate(Instant t) {
        return HTTP_DATE.format(t);
    }

    /**
     * Parses a time as OSS sends it: ISO 8601 in error bodies ({@code 2023-12-16T16:20:57.000Z}) or RFC
     * 1123 in headers; empty when it is neither.
     */
    static Optional<Instant> parseServerTime(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        String t = s.trim();
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            // not ISO; try the header form next
        }
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(t)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
