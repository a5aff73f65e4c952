package io.vodupload.adapters.oss;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vodupload.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter's shape: two public types whose signatures show no SDK type, ports and the SDK as its only
 * dependencies, and no reading of the system clock.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.adapters.oss");

    @Test
    void publicApi_isTheStorageAndItsConfiguration() {
        assertThat(MAIN).isNotEmpty();
        assertThat(MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).map(JavaClass::getName))
                .containsExactlyInAnyOrder(
                        "io.vodupload.adapters.oss.OssObjectStorage",
                        "io.vodupload.adapters.oss.OssObjectStorage$Builder",
                        "io.vodupload.adapters.oss.OssStorageConfig",
                        "io.vodupload.adapters.oss.OssStorageConfig$AddressingStyle");
    }

    @Test
    void publicApi_showsNoSdkType() {
        List<String> leaks = new ArrayList<>();
        MAIN.stream().filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)).forEach(c -> {
            Stream.concat(c.getMethods().stream(), c.getConstructors().stream())
                    .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                    .forEach(m -> typesOf(m).filter(t -> t.startsWith("com.aliyun.") || t.startsWith("org.apache."))
                            .forEach(t -> leaks.add(m.getFullName() + " uses " + t)));
            c.getRawInterfaces().forEach(i -> {
                if (i.getName().startsWith("com.aliyun.")) {
                    leaks.add(c.getName() + " implements " + i.getName());
                }
            });
        });
        assertThat(leaks).isEmpty();
    }

    private static Stream<String> typesOf(JavaCodeUnit m) {
        return Stream.concat(Stream.concat(Stream.of(m.getRawReturnType().getName()),
                        m.getRawParameterTypes().stream().map(JavaClass::getName)),
                m.getThrowsClause().getTypes().stream().map(JavaClass::getName));
    }

    @Test
    void importedClasses_includeTheStorage_soTheRulesCannotPassVacuously() {
        ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.oss", 8, OssObjectStorage.class);
    }

    @Test
    void adapter_dependsOnlyOnTheJdkPortsAndTheSdk() {
        // an allow-list: the domain, other adapters, the testkit and the CLI are out because they are not in it
        ArchitectureRules.onlyDependOn("io.vodupload.adapters.oss", ArchitectureRules.PORTS, "io.vodupload.osswire..",
                "javax.net.ssl..", "javax.xml..", "com.aliyun.oss..", "org.apache.http..").check(MAIN);
    }

    @Test
    void adapter_touchesTheSdksHttpClientOnlyToAbortAStalledBody() {
        // exceptions from the SDK's HTTP client are matched by class name; only the recording service
        // client holds its request context, to close the connection of a body that stopped moving
        noClasses().that().doNotHaveFullyQualifiedName(RecordingServiceClient.class.getName())
                .and().doNotHaveFullyQualifiedName(RecordingServiceClient.Exchange.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.http..").check(MAIN);
    }

    @Test
    void time_comesFromTheInjectedClockOnly() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .check(MAIN);
    }
}
