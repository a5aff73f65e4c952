package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database's password never shows: not in exceptions, not in toString; PGPASSWORD is read by the queue. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchQueueSecretsTest {

    private static final String SECRET = "s3cr3t-Pw";
    /** Nothing listens on port 1: the connection is refused at once. */
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/queue?user=vod";

    private static String everything(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void open_unreachableWithPasswordInUrl_failsWithoutShowingIt() {
        Throwable failure = catchThrowable(() -> BatchQueue.open(UNREACHABLE + "&password=" + SECRET, new Properties(),
                Clock.systemUTC(), name -> null));

        assertThat(failure).isNotNull();
        assertThat(everything(failure)).contains("127.0.0.1").doesNotContain(SECRET);
    }

    @Test
    void open_unreachableWithPasswordInPropertiesOrEnvironment_failsWithoutShowingIt() {
        Properties properties = new Properties();
        properties.setProperty("password", SECRET);
        Throwable fromProperties = catchThrowable(() -> BatchQueue.open(UNREACHABLE, properties, Clock.systemUTC(),
                name -> null));
        Throwable fromEnvironment = catchThrowable(() -> BatchQueue.open(UNREACHABLE, new Properties(),
                Clock.systemUTC(), Map.of("PGPASSWORD", SECRET)::get));

        assertThat(everything(fromProperties)).doesNotContain(SECRET);
        assertThat(everything(fromEnvironment)).doesNotContain(SECRET);
    }

    @Test
    void toString_ofAQueueWithPasswordInUrl_showsItMasked() {
        // the embedded server trusts local connections: the password is accepted and ignored
        try (BatchQueue queue = BatchQueue.open(EmbeddedPostgresExtension.newDatabaseUrl() + "&password=" + SECRET,
                new Properties(), Clock.systemUTC())) {
            assertThat(queue.toString()).contains("password=***").doesNotContain(SECRET);
            assertThat(queue.checkpoints().toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void connectionProperties_postgresWithoutPassword_takesPgPassword() {
        Properties effective = BatchQueue.connectionProperties(UNREACHABLE, new Properties(),
                Map.of("PGPASSWORD", SECRET)::get);

        assertThat(effective.getProperty("password")).isEqualTo(SECRET);
    }

    @Test
    void connectionProperties_passwordGiven_ignoresPgPassword() {
        Properties given = new Properties();
        given.setProperty("password", "given");

        assertThat(BatchQueue.connectionProperties(UNREACHABLE, given, Map.of("PGPASSWORD", SECRET)::get)
                .getProperty("password")).isEqualTo("given");
        assertThat(BatchQueue.connectionProperties(UNREACHABLE + "&password=inurl", new Properties(),
                Map.of("PGPASSWORD", SECRET)::get).getProperty("password")).isNull();
    }

    @Test
    void connectionProperties_sqlite_neverTakesPgPasswordAndSyncsNormally() {
        Properties effective = BatchQueue.connectionProperties("jdbc:sqlite:/tmp/q.db", new Properties(),
                Map.of("PGPASSWORD", SECRET)::get);

        assertThat(effective.getProperty("password")).isNull();
        assertThat(effective.getProperty("synchronous")).isEqualTo("NORMAL");
    }
}
