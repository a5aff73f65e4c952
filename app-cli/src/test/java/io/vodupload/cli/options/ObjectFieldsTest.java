package io.vodupload.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.ports.ObjectMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

class ObjectFieldsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"standard, Standard", "ia, IA", "ARCHIVE, Archive", "coldArchive, ColdArchive",
        "' DeepColdArchive ', DeepColdArchive"})
    void parse_storageClassInAnyCase_isOssSpelling(String given, String sent) {
        assertThat(ObjectFields.parse(null, List.of(), given, null).storageClass()).hasValue(sent);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Private, private", "public-read, public-read", "PUBLIC-READ-WRITE, public-read-write",
        "default, default"})
    void parse_aclInAnyCase_isOssSpelling(String given, String sent) {
        assertThat(ObjectFields.parse(null, List.of(), null, given).acl()).hasValue(sent);
    }

    @Test
    void metadataFor_everyFlag_headersAndTheGivenTypeOverTheGuessedOne() {
        ObjectFields f = ObjectFields.parse("application/x-test; charset=us-ascii",
                List.of("Owner=team-a", "take = 2 "), "IA", "private");

        assertThat(f.metadataFor("clip.mp4")).isEqualTo(new ObjectMetadata(
                Optional.of("application/x-test; charset=us-ascii"), Map.of("x-oss-meta-owner", "team-a",
                "x-oss-meta-take", "2", "x-oss-storage-class", "IA", "x-oss-object-acl", "private")));
    }

    @Test
    void metadataFor_noFlag_theGuessedTypeOnly() {
        ObjectFields none = ObjectFields.parse(null, List.of(), null, null);

        assertThat(none).isEqualTo(ObjectFields.NONE);
        assertThat(none.metadataFor("clip.mp4")).isEqualTo(ObjectMetadata.ofContentType("video/mp4"));
        assertThat(none.metadataFor("notes.unknownext")).isEqualTo(ObjectMetadata.EMPTY);
        assertThat(none.describe("notes.unknownext")).isEqualTo("content type none (OSS decides)");
    }

    @Test
    void parse_valueWithAnEqualsSign_keepsEverythingAfterTheFirst() {
        assertThat(ObjectFields.parse(null, List.of("q=a=b"), null, null).meta()).isEqualTo(Map.of("q", "a=b"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--meta|nameonly|--meta takes NAME=VALUE: 'nameonly'",
        "--meta|=v|--meta name must be letters, digits and hyphens (OSS's rule): ''",
        "--meta|my_key=v|--meta name must be letters, digits and hyphens (OSS's rule): 'my_key'",
        "--meta|a b=v|--meta name must be letters, digits and hyphens (OSS's rule): 'a b'",
        "--meta|k=|--meta k: the value must be printable ASCII and not empty (encode other text yourself, e.g. percent-encoding): ''",
        "--meta|k=caf\u00e9|--meta k: the value must be printable ASCII and not empty (encode other text yourself, e.g. percent-encoding): 'caf\u00e9'",
        "--meta|k=a\u0007b|--meta k: the value must be printable ASCII and not empty (encode other text yourself, e.g. percent-encoding): 'a\\u0007b'",
        "--storage-class|Glacier|--storage-class must be one of Standard, IA, Archive, ColdArchive, DeepColdArchive: 'Glacier'",
        "--acl|public|--acl must be one of private, public-read, public-read-write, default: 'public'",
        "--content-type|video|--content-type is not a media type (type/subtype, ASCII): 'video'",
        "--content-type|vid\u00e9o/mp4|--content-type is not a media type (type/subtype, ASCII): 'vid\u00e9o/mp4'"})
    void parse_badValue_exit2NamingIt(String flag, String value, String message) {
        assertThatThrownBy(() -> ObjectFields.parse(flag.equals("--content-type") ? value : null,
                flag.equals("--meta") ? List.of(value) : List.of(), flag.equals("--storage-class") ? value : null,
                flag.equals("--acl") ? value : null))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(Exit.USAGE))
                .hasMessage(message);
    }

    @Test
    void parse_sameNameTwiceInAnotherCase_refused() {
        assertThatThrownBy(() -> ObjectFields.parse(null, List.of("Owner=a", "owner=b"), null, null))
                .hasMessage("--meta owner is given twice (names are case-insensitive)");
    }

    @Test
    void parse_metadataOverEightKiB_refusedAndExactlyEightKiBAccepted() {
        String name = "k";
        int room = ObjectFields.MAX_META_BYTES - ("x-oss-meta-" + name).length();
        assertThat(ObjectFields.parse(null, List.of(name + "=" + "v".repeat(room)), null, null).meta()).hasSize(1);

        assertThatThrownBy(() -> ObjectFields.parse(null, List.of(name + "=" + "v".repeat(room + 1)), null, null))
                .hasMessage("--meta: the names and values together are 8193 bytes; OSS allows 8 KiB");
    }
}
