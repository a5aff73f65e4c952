package io.vodupload.adapters.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema, as numbered migrations whose DDL ships per dialect beside this class
 * ({@code <dialect>/V<n>__<name>.sql}). A migration is never edited once released: a change is a new
 * migration with the next number.
 *
 * <p>Stateless and thread-safe.
 */
final class SchemaMigrations {

    /** One migration: its number, its name, and the file it reads for each dialect. */
    record Migration(int version, String name) {
        String resource(Dialect dialect) {
            return dialect.ddlDirectory() + "/V" + version + "__" + name + ".sql";
        }
    }

    /** Every migration, in order; the last one's version is the schema this code reads and writes. */
    static final List<Migration> ALL = List.of(new Migration(1, "checkpoints"),
            new Migration(2, "leases"),
            new Migration(3, "batches"));

    /** The version of the newest migration. */
    static final int LATEST = ALL.get(ALL.size() - 1).version();

    /** The table that records which migrations ran; created with IF NOT EXISTS before they run. */
    static final String VERSION_TABLE = "vodupload_schema_version";

    private SchemaMigrations() {
    }

    /** The statements that create the version table when it is missing. */
    static List<String> versionTable(Dialect dialect) {
        return statements(dialect.ddlDirectory() + "/schema_version.sql");
    }

    /** The statements of {@code migration} for {@code dialect}. */
    static List<String> statements(Migration migration, Dialect dialect) {
        return statements(migration.resource(dialect));
    }

    /**
     * The statements of a DDL resource: comment lines dropped, split at each {@code ;} that ends a line.
     * The DDL holds no string literal with a semicolon, so nothing cleverer is needed.
     */
    static List<String> statements(String resource) {
        String text;
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the jar: " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return List.copyOf(statements);
    }
}
