package io.vodupload.adapters.vod;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture.md for adapters-vod: the JDK, ports, HttpClient 5 and Jackson only. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(VodApiClient.class);

    @Test
    void importedClasses_includeTheClient_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.vod", 3,
                VodApiClient.class, VodRefreshCredentialsProvider.class);
    }

    @Test
    void adapter_dependsOnlyOnTheJdkPortsHttpClientAndJackson() {
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.vod", ArchitectureRules.PORTS,
                "javax.crypto..", "org.apache.hc..", "com.fasterxml.jackson..").check(MAIN);
    }
}
