package io.vodupload.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.vodupload.architecture.fixture.clean.Clean;
import io.vodupload.architecture.fixture.clean.Helper;
import io.vodupload.architecture.fixture.leaky.Leaky;
import io.vodupload.domain.internal.UsesInternal;
import org.junit.jupiter.api.Test;

/** The shared rules fail when they should, so a module's passing ArchitectureTest means something. */
class ArchitectureRulesTest {

    private static final String CLEAN = "io.vodupload.architecture.fixture.clean";
    private static final String LEAKY = "io.vodupload.architecture.fixture.leaky";

    private static JavaClasses of(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    @Test
    void onlyDependOn_classesUsingTheJdkAndTheirOwnPackage_pass() {
        ArchitectureRules.onlyDependOn(CLEAN).check(of(Clean.class, Helper.class));
    }

    @Test
    void onlyDependOn_classUsingAPackageNotAllowed_failsNamingTheDependency() {
        assertThatThrownBy(() -> ArchitectureRules.onlyDependOn(LEAKY).check(of(Leaky.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Architecture Violation")
                .hasMessageContaining(Helper.class.getName())
                .hasMessageContaining("io.vodupload.domain.internal.Internal");
    }

    @Test
    void onlyDependOn_thePackageAllowed_passes() {
        ArchitectureRules.onlyDependOn(LEAKY, CLEAN + "..", ArchitectureRules.DOMAIN_INTERNAL)
                .check(of(Leaky.class));
    }

    @Test
    void onlyDependOn_noClassInTheModulesPackage_failsInsteadOfPassingVacuously() {
        assertThatThrownBy(() -> ArchitectureRules.onlyDependOn("io.vodupload.nowhere").check(of(Clean.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void onlyTheDomainUsesItsInternals_aClassOutsideTheDomain_fails() {
        assertThatThrownBy(() -> ArchitectureRules.onlyTheDomainUsesItsInternals().check(of(Leaky.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.vodupload.domain.internal.Internal");
    }

    @Test
    void onlyTheDomainUsesItsInternals_aDomainClass_passes() {
        ArchitectureRules.onlyTheDomainUsesItsInternals().check(of(UsesInternal.class, Clean.class));
    }

    @Test
    void assertNotVacuous_emptyImport_fails() {
        assertThatThrownBy(() -> ArchitectureRules.assertNotVacuous(of(), CLEAN, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected at least 1 classes of " + CLEAN + ", imported 0");
    }

    @Test
    void assertNotVacuous_knownClassMissing_fails() {
        assertThatThrownBy(() -> ArchitectureRules.assertNotVacuous(of(Helper.class), CLEAN, 1, Clean.class))
                .isInstanceOf(AssertionError.class)
                .hasMessage("imported classes lack " + Clean.class.getName());
    }

    @Test
    void assertNotVacuous_classOutsideTheModulesPackage_fails() {
        assertThatThrownBy(() -> ArchitectureRules.assertNotVacuous(of(Clean.class, Leaky.class), CLEAN, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("imported classes outside " + CLEAN + ": [" + Leaky.class.getName() + "]");
    }

    @Test
    void assertNotVacuous_enoughClassesWithTheKnownOnes_passes() {
        ArchitectureRules.assertNotVacuous(of(Clean.class, Helper.class), CLEAN, 2, Clean.class);
    }

    @Test
    void classesBeside_aMainClass_importsThatModulesMainClassesWithoutItsTests() {
        JavaClasses imported = ArchitectureRules.classesBeside(ArchitectureRules.class);

        assertThat(imported.contain(ArchitectureRules.class)).isTrue();
        assertThat(imported.contain(ArchitectureRulesTest.class)).isFalse();
        assertThat(imported.contain(Clean.class)).isFalse();
    }

    @Test
    void classesBeside_aMainAndATestClass_importsBoth() {
        JavaClasses imported = ArchitectureRules.classesBeside(ArchitectureRules.class, Clean.class);

        assertThat(imported.contain(ArchitectureRules.class)).isTrue();
        assertThat(imported.contain(Clean.class)).isTrue();
        assertThat(imported.contain(Leaky.class)).isTrue();
    }
}
