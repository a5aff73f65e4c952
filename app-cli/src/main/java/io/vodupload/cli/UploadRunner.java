package io.vodupload.cli;

import jakarta.inject.Inject;

/** Runs {@code vodupload upload}: resolves the target, wires the upload, reports its events. */
final class UploadRunner {

    @Inject
    UploadRunner() {
    }

    int run(UploadCommand command) {
        throw new CliException(Exit.FAILED, "NotWired", "uploading is being wired to the domain");
    }
}
