package io.vodupload.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vodupload.cli.command.UploadCommand;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.output.ProgressRenderer;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.cli.upload.UploadRunner;
import io.vodupload.cli.wiring.CliModule;
import org.junit.jupiter.api.Test;

/** The command line's rooms (docs/architecture.md): what crosses between them is a value. */
class RoomsTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vodupload.cli");

    @Test
    void importedClasses_includeEveryRoom_soTheRulesCannotPassVacuously() {
        assertThat(MAIN.contain(Main.class)).isTrue();
        assertThat(MAIN.contain(UploadCommand.class)).isTrue();
        assertThat(MAIN.contain(UploadOptions.class)).isTrue();
        assertThat(MAIN.contain(TargetResolver.class)).isTrue();
        assertThat(MAIN.contain(UploadRunner.class)).isTrue();
        assertThat(MAIN.contain(CliModule.class)).isTrue();
        assertThat(MAIN.contain(ProgressRenderer.class)).isTrue();
    }

    @Test
    void parsing_isALeaf_noRoomButTheTopReadsACommand() {
        noClasses().that().resideOutsideOfPackages("io.vodupload.cli.command..")
                .and().doNotHaveFullyQualifiedName(VoduploadCommand.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.vodupload.cli.command..")
                .check(MAIN);
    }

    @Test
    void options_areValues_thatUseNoOtherRoom() {
        noClasses().that().resideInAPackage("io.vodupload.cli.options..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vodupload.cli.command..",
                        "io.vodupload.cli.target..", "io.vodupload.cli.upload..", "io.vodupload.cli.wiring..",
                        "io.vodupload.cli.output..")
                .check(MAIN);
    }

    @Test
    void output_knowsNothingOfParsingTargetsOrWiring() {
        noClasses().that().resideInAPackage("io.vodupload.cli.output..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vodupload.cli.command..",
                        "io.vodupload.cli.target..", "io.vodupload.cli.upload..", "io.vodupload.cli.wiring..")
                .check(MAIN);
    }

    @Test
    void targetResolution_neverRunsTheUpload() {
        noClasses().that().resideInAPackage("io.vodupload.cli.target..")
                .should().dependOnClassesThat().resideInAPackage("io.vodupload.cli.upload..")
                .check(MAIN);
    }
}
