package io.vodupload.cli.upload;

import io.vodupload.ports.StreamSource;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process's standard input as a {@link StreamSource}: read once, its length unknown (the command's
 * {@code --size} tells it when the user knows it). Read from file descriptor 0 directly, without
 * {@code System.in}'s buffer: the uploader reads whole parts at a time.
 */
final class StandardInput implements StreamSource {

    @Override
    public Opened open() {
        return new Opened(new FileInputStream(FileDescriptor.in), OptionalLong.empty(), Optional.empty());
    }

    @Override
    public String describe() {
        return "standard input";
    }
}
