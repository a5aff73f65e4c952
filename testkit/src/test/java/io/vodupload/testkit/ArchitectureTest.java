package io.vodupload.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import io.vodupload.testkit.oss.OssServer;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md for the testkit: the JDK (with its HTTP server) and ports; never the
 * domain or an adapter, which use the testkit in their tests, and no test framework (the contract suites, which are
 * JUnit classes, live in testkit-contract).
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(ManualClock.class);

    @Test
    void importedClasses_includeTheFakesAndTheServer_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.testkit", 30, ManualClock.class, OssServer.class);
    }

    @Test
    void testkit_dependsOnlyOnTheJdkAndPorts() {
        ArchitectureRules.onlyDependOn("io.vodupload.testkit", ArchitectureRules.PORTS,
                "javax.crypto..", "javax.xml..", "com.sun.net.httpserver..").check(MAIN);
    }
}
