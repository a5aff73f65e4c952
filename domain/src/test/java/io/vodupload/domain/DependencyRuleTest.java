package io.vodupload.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md: domain classes use only the JDK ({@code java..}) and
 * ports; ports classes use only the JDK. Maven Enforcer guards the same rule at the artifact level.
 */
class DependencyRuleTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.domain");
    private static final JavaClasses PORTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.ports");

    @Test
    void importedClasses_areNotEmpty_soTheRulesCannotPassVacuously() {
        assertThat(DOMAIN.stream().map(c -> c.getName()))
                .contains("io.vodupload.domain.Uploader", "io.vodupload.domain.internal.Machine")
                .hasSizeGreaterThan(20);
        assertThat(PORTS.stream().map(c -> c.getName()))
                .contains("io.vodupload.ports.ObjectStorage", "io.vodupload.ports.Crc64")
                .hasSizeGreaterThan(15);
    }

    @Test
    void domain_dependsOnlyOnTheJdkAndPorts() {
        classes().that().resideInAPackage("io.vodupload.domain..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.vodupload.ports..", "io.vodupload.domain..")
                .check(DOMAIN);
    }

    @Test
    void ports_dependOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.vodupload.ports..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.vodupload.ports..")
                .check(PORTS);
    }
}
