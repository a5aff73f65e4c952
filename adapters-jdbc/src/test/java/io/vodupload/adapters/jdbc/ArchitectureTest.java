package io.vodupload.adapters.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.vodupload.architecture.ArchitectureRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The adapter's shape: java.sql and the ports only (the drivers come at run time), a small public API. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(JdbcCheckpointStore.class);

    @Test
    void mainClasses_areImported_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.jdbc", 4,
                JdbcCheckpointStore.class, JdbcDatabase.class);
        assertThat(MAIN.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void adapter_usesOnlyTheJdkJavaSqlThePortsAndItself() {
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.jdbc", ArchitectureRules.PORTS, "javax.sql..")
                .check(MAIN);
    }

    @Test
    void adapter_neverNamesADriverClass() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..")
                .check(MAIN);
    }

    @Test
    void publicApi_isTheStoresTheDatabaseTheDialectAndTheUrlRedaction() {
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).map(JavaClass::getName))
                .containsExactlyInAnyOrder(
                        "io.vodupload.adapters.jdbc.JdbcCheckpointStore",
                        "io.vodupload.adapters.jdbc.JdbcQueueStore",
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
