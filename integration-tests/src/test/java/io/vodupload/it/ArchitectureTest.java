package io.vodupload.it;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The end-to-end tests drive the domain as an application would: through its public API only. */
class ArchitectureTest {

    private static final JavaClasses TESTS = ArchitectureRules.classesBeside(ArchitectureTest.class);

    @Test
    void importedClasses_includeTheRig_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(TESTS, "io.vodupload.it", 10, Rig.class, ArchitectureTest.class);
    }

    @Test
    void tests_useTheDomainThroughItsPublicApiOnly() {
        ArchitectureRules.onlyTheDomainUsesItsInternals().check(TESTS);
    }
}
