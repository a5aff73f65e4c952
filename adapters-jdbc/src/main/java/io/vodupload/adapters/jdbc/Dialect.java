package io.vodupload.adapters.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases this module speaks to. Everything that differs between them lives here or in the DDL
 * shipped per dialect beside the classes ({@code sqlite/*.sql}, {@code postgresql/*.sql}); the queries
 * themselves are the same on both (an upsert is {@code INSERT ... ON CONFLICT ... DO UPDATE} on each).
 */
public enum Dialect {

    /**
     * SQLite through {@code org.xerial:sqlite-jdbc}: one file, no server. Connections opened from a URL use
     * write-ahead logging (readers never wait for the writer), a busy timeout (writers from several threads
     * or processes queue instead of failing) and {@code BEGIN IMMEDIATE} transactions (a writer takes the
     * lock up front, so a transaction never fails half-way for a lock it could not upgrade).
     */
    SQLITE("jdbc:sqlite:", "SQLite", "sqlite"),

    /**
     * PostgreSQL through {@code org.postgresql:postgresql}, shared by every worker. Schema migration is
     * serialised with a transaction-scoped advisory lock.
     */
    POSTGRESQL("jdbc:postgresql:", "PostgreSQL", "postgresql");

    private final String urlPrefix;
    private final String productName;
    private final String ddlDirectory;

    Dialect(String urlPrefix, String productName, String ddlDirectory) {
        this.urlPrefix = urlPrefix;
        this.productName = productName;
        this.ddlDirectory = ddlDirectory;
    }

    /** The dialect of a JDBC URL, judged by its prefix ({@code jdbc:sqlite:}, {@code jdbc:postgresql:}). */
    public static Optional<Dialect> ofUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (lower.startsWith(d.urlPrefix)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The dialect of a database, judged by {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. */
    public static Optional<Dialect> ofProductName(String productName) {
        for (Dialect d : values()) {
            if (d.productName.equalsIgnoreCase(productName)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The JDBC URL prefix, e.g. {@code jdbc:sqlite:}. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** The resource folder (beside this class) that holds this dialect's DDL. */
    String ddlDirectory() {
        return ddlDirectory;
    }
}
