package io.vodupload.osswire;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md for oss-wire: the JDK ({@code java..}, and {@code javax.net.ssl..}
 * for TLS failures) and ports only, so every OSS transport can take it without another's vendor library.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(OssEndpoints.class);

    @Test
    void importedClasses_includeTheEndpointsBodyAndWatchdog_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.osswire", 6,
                OssEndpoints.class, RegionBody.class, StallWatchdog.class, IoFailures.class);
    }

    @Test
    void ossWire_dependsOnlyOnTheJdkAndPorts() {
        ArchitectureRules.onlyDependOn("io.vodupload.osswire", ArchitectureRules.PORTS, "javax.net.ssl..")
                .check(MAIN);
    }
}
