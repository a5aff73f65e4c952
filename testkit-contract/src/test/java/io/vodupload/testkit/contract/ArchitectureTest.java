package io.vodupload.testkit.contract;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md for the contract suites: the JDK, ports, the testkit, and JUnit and
 * AssertJ (the suites are JUnit classes); never the domain or an adapter, which run the suites in their tests.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(ObjectStorageContract.class);

    @Test
    void importedClasses_includeBothSuites_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.testkit.contract", 2,
                ObjectStorageContract.class, CheckpointStoreContract.class);
    }

    @Test
    void contractSuites_dependOnlyOnTheJdkPortsTestkitJunitAndAssertj() {
        ArchitectureRules.onlyDependOn("io.vodupload.testkit.contract", ArchitectureRules.PORTS,
                "io.vodupload.testkit", "io.vodupload.testkit.memory..", "io.vodupload.testkit.oss..",
                "org.junit..", "org.opentest4j..", "org.assertj..").check(MAIN);
    }
}
