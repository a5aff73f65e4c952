package io.vodupload.ports;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture.md for ports: the JDK only. Maven Enforcer guards the same. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(ObjectStorage.class);

    @Test
    void importedClasses_includeThePorts_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.ports", 15, ObjectStorage.class, StorageException.class);
    }

    @Test
    void ports_dependOnlyOnTheJdk() {
        ArchitectureRules.onlyDependOn("io.vodupload.ports").check(MAIN);
    }
}
