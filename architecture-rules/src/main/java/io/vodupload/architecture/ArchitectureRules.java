package io.vodupload.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dependency rule of docs/architecture.md as ArchUnit rules, written once for every module's
 * {@code ArchitectureTest}; Maven Enforcer guards the same rule at the artifact level.
 *
 * <p>A module's test imports its own classes with {@link #classesBeside}, proves the import is not empty with
 * {@link #assertNotVacuous}, and checks {@link #onlyDependOn} with the packages its pom allows:
 *
 * <pre>{@code
 * private static final JavaClasses MAIN = ArchitectureRules.classesBeside(VodApiClient.class);
 *
 * @Test
 * void importedClasses_includeTheClient_soTheRulesCannotPassVacuously() {
 *     ArchitectureRules.assertNotVacuous(MAIN, "io.vodupload.adapters.vod", 3, VodApiClient.class);
 * }
 *
 * @Test
 * void adapter_dependsOnTheJdkPortsAndItsLibrariesOnly() {
 *     ArchitectureRules.onlyDependOn("io.vodupload.adapters.vod", ArchitectureRules.PORTS,
 *             "org.apache.hc..", "com.fasterxml.jackson..").check(MAIN);
 * }
 * }</pre>
 *
 * <p>The module's {@code archunit.properties} turns off resolving the classes a module uses from the class path:
 * the rules need only their names, and resolving took seconds per test.
 *
 * <p>Stateless; every method may be called from any thread.
 */
public final class ArchitectureRules {

    /** The part of the JDK every module may use; a module that uses {@code javax.*} or {@code com.sun.*} names it. */
    public static final String JDK = "java..";
    /** The ports: the one project module an adapter may use. */
    public static final String PORTS = "io.vodupload.ports..";
    /** The domain's implementation: no module but the domain may use it. */
    public static final String DOMAIN_INTERNAL = "io.vodupload.domain.internal..";

    private ArchitectureRules() {
    }

    /**
     * Imports every class in the class-path entries (a {@code target/classes} or {@code target/test-classes}
     * directory, or a jar) that hold the given classes: a module's own classes, without its dependencies and,
     * unless a test class is given, without its tests.
     */
    public static JavaClasses classesBeside(Class<?>... knownClasses) {
        if (knownClasses.length == 0) {
            throw new IllegalArgumentException("no class given to find the module's classes by");
        }
        List<URL> locations = Stream.of(knownClasses).map(ArchitectureRules::locationOf).distinct().toList();
        return new ClassFileImporter().importUrls(locations);
    }

    private static URL locationOf(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalArgumentException("no class-path location for " + type.getName());
        }
        return source.getLocation();
    }

    /**
     * Fails unless the imported classes hold at least {@code minimumSize} classes, every known class, and every one
     * of them lies in {@code ownPackage} or below it: the rules of the module then check what they claim to check,
     * and cannot pass because they saw nothing.
     */
    public static void assertNotVacuous(JavaClasses imported, String ownPackage, int minimumSize,
            Class<?>... knownClasses) {
        if (imported.size() < minimumSize) {
            throw new AssertionError("expected at least " + minimumSize + " classes of " + ownPackage
                    + ", imported " + imported.size());
        }
        for (Class<?> known : knownClasses) {
            if (!imported.contain(known)) {
                throw new AssertionError("imported classes lack " + known.getName());
            }
        }
        List<String> strangers = imported.stream().map(JavaClass::getName)
                .filter(name -> !name.startsWith(ownPackage + ".")).sorted().toList();
        if (!strangers.isEmpty()) {
            throw new AssertionError("imported classes outside " + ownPackage + ": " + strangers);
        }
    }

    /**
     * Classes in {@code ownPackage} (and below) depend only on their own module, {@link #JDK} and the allowed
     * packages (ArchUnit package patterns such as {@code "org.apache.hc.."}). The rule fails when it sees no class.
     */
    public static ArchRule onlyDependOn(String ownPackage, String... allowedPackages) {
        String[] allowed = Stream.concat(Stream.of(JDK, ownPackage + ".."), Arrays.stream(allowedPackages))
                .toArray(String[]::new);
        return classes().that().resideInAPackage(ownPackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed)
                .because("docs/architecture.md, the dependency rule: " + ownPackage + " may use "
                        + String.join(", ", allowed));
    }

    /**
     * No class outside the domain uses {@code io.vodupload.domain.internal}: the rest of the project goes through
     * the domain's public API ({@code io.vodupload.domain}). For the modules that have the domain on their class
     * path: app-cli, integration-tests, bench.
     */
    public static ArchRule onlyTheDomainUsesItsInternals() {
        return noClasses().that().resideOutsideOfPackage("io.vodupload.domain..")
                .should().dependOnClassesThat().resideInAPackage(DOMAIN_INTERNAL)
                .because("docs/architecture.md: io.vodupload.domain is the API, io.vodupload.domain.internal is not");
    }
}
