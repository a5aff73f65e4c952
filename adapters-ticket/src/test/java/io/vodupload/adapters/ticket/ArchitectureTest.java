package io.vodupload.adapters.ticket;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's shape: one public class, and nothing used but the JDK, the ports and Jackson. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.adapters.ticket");

    @Test
    void importedClasses_includeTheDecoder_soTheRulesCannotPassVacuously() {
        assertThat(MAIN).isNotEmpty();
        assertThat(MAIN.contain(JacksonUploadTicketDecoder.class)).isTrue();
    }

    @Test
    void publicApi_isTheDecoderOnly() {
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName)).containsExactly("io.vodupload.adapters.ticket.JacksonUploadTicketDecoder");
    }

    @Test
    void decoder_usesOnlyTheJdkThePortsAndJackson() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.vodupload.ports..",
                "com.fasterxml.jackson..", "io.vodupload.adapters.ticket..").check(MAIN);
    }
}
