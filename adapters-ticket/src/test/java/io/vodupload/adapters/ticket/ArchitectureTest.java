package io.vodupload.adapters.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module's shape: one public class, and nothing used but the JDK, the ports and Jackson. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(JacksonUploadTicketDecoder.class);

    @Test
    void importedClasses_includeTheDecoder_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.ticket", 1, JacksonUploadTicketDecoder.class);
    }

    @Test
    void publicApi_isTheDecoderOnly() {
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName)).containsExactly("io.vodupload.adapters.ticket.JacksonUploadTicketDecoder");
    }

    @Test
    void decoder_usesOnlyTheJdkThePortsAndJackson() {
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.ticket", ArchitectureRules.PORTS,
                "com.fasterxml.jackson..").check(MAIN);
    }
}
