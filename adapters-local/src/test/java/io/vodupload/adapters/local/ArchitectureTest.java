package io.vodupload.adapters.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture.md for adapters-local: the JDK, ports, oss-wire and Jackson only. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(LocalObjectStorage.class);

    @Test
    void importedClasses_includeTheStorageAndTheCheckpointStore_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.local", 6,
                LocalObjectStorage.class, JsonFileCheckpointStore.class);
    }

    @Test
    void adapter_dependsOnlyOnTheJdkPortsOssWireAndJackson() {
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.local", ArchitectureRules.PORTS, "io.vodupload.osswire..",
                "com.fasterxml.jackson..").check(MAIN);
    }
}
