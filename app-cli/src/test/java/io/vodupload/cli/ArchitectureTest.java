package io.vodupload.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The command may use every module (it is the one place that wires them), but the domain only through its public
 * API, {@code io.vodupload.domain}; its tests too.
 */
class ArchitectureTest {

    private static final JavaClasses CLI = ArchitectureRules.classesBeside(Main.class, ArchitectureTest.class);

    @Test
    void importedClasses_includeTheCommandAndItsTests_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(CLI, "io.vodupload.cli", 30, Main.class, ArchitectureTest.class);
    }

    @Test
    void cli_usesTheDomainThroughItsPublicApiOnly() {
        ArchitectureRules.onlyTheDomainUsesItsInternals().check(CLI);
    }
}
