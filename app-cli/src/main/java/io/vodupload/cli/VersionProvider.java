package io.vodupload.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code --version}: the build information Maven filtered into {@code version.properties} (the version,
 * the git commit and the build time; {@code unknown} for what the build could not tell) and the Java that
 * runs it.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return property("version");
    }

    /** The git commit this build was made from (12 hex digits), or {@code unknown}. */
    public static String commit() {
        return property("commit");
    }

    /** When this build was made (UTC, ISO-8601), or {@code unknown}. */
    public static String buildTime() {
        return property("built");
    }

    private static String property(String name) {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = p.getProperty(name, "unknown").trim();
        return value.isEmpty() || value.contains("${") ? "unknown" : value;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vodupload " + version(),
            "commit " + commit() + ", built " + buildTime(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + ")"};
    }
}
