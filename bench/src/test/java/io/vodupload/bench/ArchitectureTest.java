package io.vodupload.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what users get: the domain through its public API only. */
class ArchitectureTest {

    private static final JavaClasses BENCH = ArchitectureRules.classesBeside(UploadBenchmark.class, ArchitectureTest.class);

    @Test
    void importedClasses_includeTheBenchmarksAndTheirTests_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(BENCH, "io.vodupload.bench", 15, UploadBenchmark.class, ArchitectureTest.class);
    }

    @Test
    void bench_usesTheDomainThroughItsPublicApiOnly() {
        ArchitectureRules.onlyTheDomainUsesItsInternals().check(BENCH);
    }
}
