package io.vodupload.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md for the domain: the JDK ({@code java..}) and ports only. Maven
 * Enforcer guards the same rule at the artifact level; ports, the adapters and the rest have their own
 * {@code ArchitectureTest}.
 */
class DependencyRuleTest {

    private static final JavaClasses DOMAIN = ArchitectureRules.classesBeside(Uploader.class);

    @Test
    void importedClasses_includeTheApi_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(DOMAIN, "io.vodupload.domain", 20, Uploader.class, PublishManager.class);
    }

    @Test
    void domain_dependsOnlyOnTheJdkAndPorts() {
        ArchitectureRules.onlyDependOn("io.vodupload.domain", ArchitectureRules.PORTS).check(DOMAIN);
    }
}
