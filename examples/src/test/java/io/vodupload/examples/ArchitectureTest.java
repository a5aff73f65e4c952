package io.vodupload.examples;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The examples are an application, like the command line: they may use every module, but the domain only
 * through its public API ({@code io.vodupload.domain}), since that is all a user who copies them has; their
 * tests too.
 */
class ArchitectureTest {

    private static final JavaClasses EXAMPLES = ArchitectureRules.classesBeside(SeedFlowExample.class,
            ArchitectureTest.class);

    @Test
    void importedClasses_includeTheExamplesAndTheirTests_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(EXAMPLES, "io.vodupload.examples", 12, SeedFlowExample.class,
                UploadQueueExample.class, ArchitectureTest.class);
    }

    @Test
    void examples_useTheDomainThroughItsPublicApiOnly() {
        ArchitectureRules.onlyTheDomainUsesItsInternals().check(EXAMPLES);
    }
}
