package io.vodupload.cli.batch;

import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.UploadOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code vodupload upload PATH...} of several files was asked, checked by the command.
 *
 * @param arguments     the PATH arguments, absolute (the batch id is made of them)
 * @param asTyped       the PATH arguments as typed (the selection's messages name them so)
 * @param template      the options as for one file (the first one's file and key, not used)
 * @param explicitType  {@code --type}, when given
 * @param keyPrefix     {@code --key-prefix}, when given
 * @param selector      chooses the files and their keys
 * @param jobs          files at once ({@code --jobs})
 * @param maxConnections connections across the batch ({@code --max-connections})
 * @param queue         {@code --queue} or {@code $VODUPLOAD_QUEUE}, when given (a secret: never printed)
 * @param submitOnly    {@code --submit-only}
 * @param lonePackage   one FILE that is an HLS package ({@code upload playlist.m3u8}): reported as one file,
 *                      without the batch's own events and summary
 */
public record BatchRequest(List<Path> arguments, List<Path> asTyped, UploadOptions template, Optional<MediaType> explicitType,
                           Optional<String> keyPrefix, FileSelector selector, int jobs, int maxConnections,
                           Optional<String> queue, boolean submitOnly, boolean lonePackage) {

    public BatchRequest {
        arguments = List.copyOf(arguments);
        asTyped = List.copyOf(asTyped);
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(explicitType, "explicitType");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(queue, "queue");
    }

    @Override
    public String toString() {
        return "BatchRequest[arguments=" + arguments + ", template=" + template + ", jobs=" + jobs
                + ", maxConnections=" + maxConnections + ", queue=" + (queue.isPresent() ? "given" : "embedded")
                + ", submitOnly=" + submitOnly + ", lonePackage=" + lonePackage + "]";
    }
}
