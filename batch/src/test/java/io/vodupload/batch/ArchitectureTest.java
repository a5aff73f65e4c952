package io.vodupload.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The application module's shape: ports, domain API, the JDBC adapter, db-scheduler and Jackson; no driver. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(BatchQueue.class);

    @Test
    void mainClasses_areImported_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.batch", 10, BatchQueue.class, WorkOptions.class);
    }

    @Test
    void module_usesOnlyItsAllowedPackages() {
        ArchitectureRules.onlyDependOn("io.vodupload.batch", ArchitectureRules.PORTS, "io.vodupload.domain",
                "io.vodupload.adapters.jdbc", "com.github.kagkarlsson.scheduler..", "com.fasterxml.jackson..", "com.zaxxer.hikari..",
                "javax.sql..", "org.slf4j..").check(MAIN);
    }

    @Test
    void module_neverUsesTheDomainsInternals() {
        ArchitectureRules.onlyTheDomainUsesItsInternals().check(MAIN);
    }

    @Test
    void module_neverNamesADriverClass() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..")
                .check(MAIN);
    }

    @Test
    void time_isNeverReadFromTheSystemClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(MAIN);
    }
}
