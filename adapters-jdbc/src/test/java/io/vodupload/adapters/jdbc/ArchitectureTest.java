package io.vodupload.adapters.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The adapter's shape: java.sql and the ports only (the drivers come at run time), a small public API. */
class ArchitectureTest {

    /** The module's main classes, imported from where they were compiled (scanning the class path is slow here). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(JdbcCheckpointStore.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void mainClasses_areImported_soTheRulesCannotPassVacuously() {
        assertThat(MAIN).isNotEmpty();
        assertThat(MAIN.contain(JdbcCheckpointStore.class)).isTrue();
        assertThat(MAIN.contain(JdbcDatabase.class)).isTrue();
        assertThat(MAIN.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void adapter_usesOnlyTheJdkJavaSqlThePortsAndItself() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.sql..",
                "io.vodupload.ports..", "io.vodupload.adapters.jdbc..").check(MAIN);
    }

    @Test
    void adapter_neverNamesADriverClass() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..")
                .check(MAIN);
    }

    @Test
    void publicApi_isTheStoreTheDatabaseTheDialectAndTheUrlRedaction() {
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).map(JavaClass::getName))
                .containsExactlyInAnyOrder(
                        "io.vodupload.adapters.jdbc.JdbcCheckpointStore",
                        "io.vodupload.adapters.jdbc.JdbcDatabase",
                        "io.vodupload.adapters.jdbc.Dialect",
                        "io.vodupload.adapters.jdbc.JdbcUrls");
    }

    @Test
    void time_isNeverReadFromTheSystemClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(MAIN);
    }
}
