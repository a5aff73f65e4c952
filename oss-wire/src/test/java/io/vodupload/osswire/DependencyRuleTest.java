package io.vodupload.osswire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md for oss-wire: the JDK ({@code java..}, and {@code javax.net.ssl..}
 * for TLS failures), ports and itself, nothing else. Maven Enforcer guards the same rule at the artifact level.
 */
class DependencyRuleTest {

    private static final JavaClasses WIRE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.osswire");

    @Test
    void importedClasses_areNotEmpty_soTheRuleCannotPassVacuously() {
        assertThat(WIRE.stream().map(c -> c.getName()))
                .contains("io.vodupload.osswire.OssEndpoints", "io.vodupload.osswire.RegionBody",
                        "io.vodupload.osswire.StallWatchdog", "io.vodupload.osswire.IoFailures")
                .hasSizeGreaterThan(6);
    }

    @Test
    void ossWire_dependsOnlyOnTheJdkAndPorts() {
        classes().that().resideInAPackage("io.vodupload.osswire..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.net.ssl..", "io.vodupload.ports..", "io.vodupload.osswire..")
                .check(WIRE);
    }
}
