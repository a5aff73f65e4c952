package io.vodupload.adapters.url;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import io.vodupload.architecture.ArchitectureRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture.md for adapters-url: the JDK, ports and HttpClient 5 only. */
class ArchitectureTest {

    private static final JavaClasses MAIN = ArchitectureRules.classesBeside(UrlSource.class);

    @Test
    void importedClasses_includeTheSource_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.url", 3, UrlSource.class, Download.class);
    }

    @Test
    void adapter_dependsOnlyOnTheJdkPortsAndHttpClient() {
        // an allow-list: the domain, other adapters, the testkit and the CLI are out because they are not in it
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.url", ArchitectureRules.PORTS, "org.apache.hc..")
                .check(MAIN);
    }

    @Test
    void publicApi_isTheSourceAndItsBuilder() {
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).map(JavaClass::getName))
                .containsExactlyInAnyOrder("io.vodupload.adapters.url.UrlSource",
                        "io.vodupload.adapters.url.UrlSource$Builder");
    }

    @Test
    void time_comesFromTheInjectedSleeperOnly() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(MAIN);
    }
}
