package io.vodupload.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '!', value = {
            "jdbc:postgresql://db:5432/q?user=u&password=s3cret ! jdbc:postgresql://db:5432/q?user=u&password=***",
            "jdbc:postgresql://db/q?password=s3cret&user=u ! jdbc:postgresql://db/q?password=***&user=u",
            "jdbc:postgresql://db/q?user=u&PASSWORD=s3cret&ssl=true ! jdbc:postgresql://db/q?user=u&PASSWORD=***&ssl=true",
            "jdbc:postgresql://db/q?sslpassword=k3y&password=s3cret ! jdbc:postgresql://db/q?sslpassword=***&password=***",
            "jdbc:postgresql://u:s3cret@db:5432/q ! jdbc:postgresql://u:***@db:5432/q",
            "jdbc:postgresql://u:s3cret@db/q?password=other ! jdbc:postgresql://u:***@db/q?password=***",
            "jdbc:sqlserver://h;user=u;password=s3cret;db=q ! jdbc:sqlserver://h;user=u;password=***;db=q",
            "jdbc:mysql://h/q?user=u&pwd=s3cret&token=t0k ! jdbc:mysql://h/q?user=u&pwd=***&token=***",
            "jdbc:postgresql://db/q?password=p%40ss%26word ! jdbc:postgresql://db/q?password=***",
            "jdbc:postgresql://db/q?password= ! jdbc:postgresql://db/q?password=***",
            "jdbc:postgresql://u@db/q?user=u ! jdbc:postgresql://u@db/q?user=u",
            "jdbc:postgresql://db:5432/q ! jdbc:postgresql://db:5432/q",
            "jdbc:sqlite:/home/u/.vodupload/state.db ! jdbc:sqlite:/home/u/.vodupload/state.db",
            "jdbc:sqlite:file:/tmp/a:b.db?journal_mode=WAL ! jdbc:sqlite:file:/tmp/a:b.db?journal_mode=WAL",
    })
    void redact_urlWithOrWithoutPassword_hidesOnlyThePassword(String url, String expected) {
        assertThat(JdbcUrls.redact(url)).isEqualTo(expected);
        assertThat(JdbcUrls.redact(url)).doesNotContain("s3cret", "k3y", "t0k", "p%40ss");
    }

    @Test
    void redact_null_throwsNullPointerException() {
        assertThatThrownBy(() -> JdbcUrls.redact(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void secretsIn_urlWithPasswords_listsThemRawAndDecoded() {
        List<String> secrets = JdbcUrls.secretsIn("jdbc:postgresql://u:a%21b@db/q?user=u&password=p%40ss&ssl=true");

        assertThat(secrets).containsExactlyInAnyOrder("p%40ss", "p@ss", "a%21b", "a!b");
    }

    @Test
    void scrub_textQuotingSecrets_masksEveryOccurrenceLongestFirst() {
        String scrubbed = JdbcUrls.scrub("FATAL: password abc rejected for abcdef; abc again",
                List.of("abc", "abcdef"));

        assertThat(scrubbed).isEqualTo("FATAL: password *** rejected for ***; *** again");
    }
}
