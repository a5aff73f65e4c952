package io.vodupload.adapters.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reaches the database past the stores, for tests: raw statements and a text dump of the tables. */
final class RawSql {

    private final String url;

    RawSql(String url) {
        this.url = url;
    }

    /** Runs one statement; returns the update count. */
    int execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
            return s.getUpdateCount();
        }
    }

    /** The rows of a query, each as its values joined with {@code |}. */
    List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Every table the checkpoint store writes, with column names and every value, as text. */
    String dump() throws SQLException {
        return dump(List.of("vodupload_checkpoint", "vodupload_checkpoint_part", "vodupload_schema_version"));
    }

    /** The {@code tables}, with column names and every value, as text. */
    String dump(List<String> tables) throws SQLException {
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = r.getMetaData();
                all.append(table).append('\n');
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    all.append(meta.getColumnName(i)).append(' ');
                }
                all.append('\n');
                while (r.next()) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        all.append(r.getString(i)).append(" | ");
                    }
                    all.append('\n');
                }
            }
        }
        return all.toString();
    }
}
