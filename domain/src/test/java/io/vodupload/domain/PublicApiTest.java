package io.vodupload.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The public types of {@code ports} and {@code domain}, against the checked-in list
 * {@code src/test/resources/public-api.txt}: a type added to or removed from the API by accident fails
 * here. When the change is meant, update the list in the same commit (the failure prints the new one).
 */
class PublicApiTest {

    @Test
    void publicTypes_ofPortsAndDomain_areExactlyTheListedOnes() throws IOException {
        TreeSet<String> actual = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vodupload.ports", "io.vodupload.domain")) {
            if (visible(c)) {
                actual.add(c.getName());
            }
        }
        List<String> listed = listed();
        assertThat(actual).as("guard: the import found the API").contains(Uploader.class.getName(),
                "io.vodupload.ports.ObjectStorage");

        TreeSet<String> added = new TreeSet<>(actual);
        added.removeAll(listed);
        TreeSet<String> removed = new TreeSet<>(listed);
        removed.removeAll(actual);
        assertThat(added.isEmpty() && removed.isEmpty())
                .as("the public API changed: added %s, removed %s. If that is meant, make "
                        + "domain/src/test/resources/public-api.txt:%n%s", added, removed, String.join("\n", actual))
                .isTrue();
    }

    /** Public, and reachable: every enclosing class public too; no anonymous or local class. */
    private static boolean visible(JavaClass c) {
        if (c.isAnonymousClass() || c.isLocalClass() || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        Optional<JavaClass> enclosing = c.getEnclosingClass();
        return enclosing.isEmpty() || visible(enclosing.get());
    }

    private static List<String> listed() throws IOException {
        try (InputStream in = PublicApiTest.class.getResourceAsStream("/public-api.txt")) {
            assertThat(in).as("public-api.txt on the test classpath").isNotNull();
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
            return names;
        }
    }
}
