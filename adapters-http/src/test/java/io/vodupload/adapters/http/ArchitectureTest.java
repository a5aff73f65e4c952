package io.vodupload.adapters.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vodupload.architecture.ArchitectureRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The adapter's shape: a small public API, ports as the only project dependency, time from the clock. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.adapters.http");

    @Test
    void publicApi_isTheStorageItsBuilderAndEnums() {
        assertThat(MAIN).isNotEmpty();
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName)).containsExactlyInAnyOrder(
                "io.vodupload.adapters.http.HttpObjectStorage",
                "io.vodupload.adapters.http.HttpObjectStorage$Builder",
                "io.vodupload.adapters.http.HttpObjectStorage$Addressing");
    }

    @Test
    void importedClasses_includeTheStorage_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.http", 8, HttpObjectStorage.class);
    }

    @Test
    void adapter_dependsOnlyOnTheJdkPortsOssWireHttpClientAndJackson() {
        // an allow-list: the domain, other adapters, the testkit and the CLI are out because they are not in it
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.http", ArchitectureRules.PORTS, "io.vodupload.osswire..",
                "javax.crypto..", "javax.net.ssl..", "javax.xml..",
                "org.apache.hc..", "com.fasterxml.jackson..").check(MAIN);
    }

    @Test
    void time_comesFromTheInjectedClockOnly() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(MAIN);
    }
}
